"""Appointments: day and week calendars per counselor and office, booking, reminders and the call list."""

from ui.auth import CLIENT_ROLES, require_role

user = require_role(*CLIENT_ROLES)

from ui.appointments import view  # noqa: E402

view.render(user)
