"""Attendance: record a group workshop (HUD-9902 section 8) and print completion certificates."""

from ui.auth import STAFF_ROLES, require_role

user = require_role(*STAFF_ROLES)

from ui.workshops.attendance import render  # noqa: E402

render(user)
