"""New household: the intake form; on save the new client file opens."""

from ui.auth import CLIENT_ROLES, require_role, signed_in_only

user = require_role(*CLIENT_ROLES)

import streamlit as st  # noqa: E402

from calculators import InputError  # noqa: E402
from db import households  # noqa: E402
from ui.clients import open_household  # noqa: E402
from ui.db import engine  # noqa: E402
from ui.errors import FieldErrors  # noqa: E402
from ui.households.forms import fill, intake_widgets, read  # noqa: E402
from ui.households.labels import ERRORS  # noqa: E402
from ui.hud_file import intake as hud_intake  # noqa: E402
from ui.text import _  # noqa: E402

PREFIX = "new"

st.title(_("New household"))
st.caption(_("Intake is free for every household. Fill in what you know now; you can finish it later."))

counselors = {c["id"]: c["name"] for c in households.counselors(engine(), user)}
if "new_display_name" not in st.session_state:
    fill(PREFIX, {"counselor_id": user["id"] if user["id"] in counselors else None})


@signed_in_only
def create() -> None:
    try:
        hud_answers = hud_intake.answers()  # checked first: a bad answer saves nothing
        st.session_state["new_created"] = households.create(engine(), user, read(PREFIX))
        hud_intake.save(st.session_state["new_created"], hud_answers)
    except InputError as err:
        st.session_state["new_error"] = (err.code, err.field)
    except households.AccessDenied:
        pass  # the account was disabled or changed since this page ran: the entry point logs it out


errors = FieldErrors()
with st.form("new_household"):
    intake_widgets(PREFIX, errors, counselors)
    hud_intake.widgets(errors)
    st.form_submit_button(_("Save and open the client file"), type="primary", on_click=create)

if "new_error" in st.session_state:
    code, field = st.session_state.pop("new_error")
    errors.show(InputError(code, field), {**ERRORS, **hud_intake.ERRORS})
if "new_created" in st.session_state:
    open_household(st.session_state.pop("new_created"))
    for key in [k for k in st.session_state if str(k).startswith(f"{PREFIX}_")]:
        del st.session_state[key]  # the next intake starts from an empty form
    st.switch_page("app_pages/household.py")
