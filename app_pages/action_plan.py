"""Action plan: preview what will print, download the PDF, and record the copy given to the client."""

from ui.auth import CLIENT_ROLES, require_role

user = require_role(*CLIENT_ROLES)

from ui.action_plan.view import render  # noqa: E402

render(user)
