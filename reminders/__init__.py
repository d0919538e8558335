"""Appointment reminders by email (SMTP with STARTTLS, with an .ics invitation) and text message.

`python -m reminders run` sends what is due once (for cron); `python -m reminders run --loop` keeps
running. Any number of workers may run at once: each reminder is claimed in the database first
(db.appointments.reminder_queue), so none goes twice, and a restart simply carries on.
"""
