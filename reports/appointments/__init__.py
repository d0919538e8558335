"""What a family receives about an appointment: the reminder's words and the printable card."""
