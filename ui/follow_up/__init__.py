"""The follow-up page: who is due, tries logged, the letter, and closing."""
