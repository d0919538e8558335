"""User administration (admins only): add, disable, enable and reset staff accounts; add offices."""

from ui.auth import require_role

user = require_role("admin")

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from db import accounts, certification  # noqa: E402
from db.models import ROLES  # noqa: E402
from ui.admin.lead_offices import lead_offices_form  # noqa: E402
from ui.admin.second_factor import reset_factor_button  # noqa: E402
from ui.auth import account_message  # noqa: E402
from ui.db import engine  # noqa: E402
from ui.hud_file import certification as certification_view  # noqa: E402
from ui.labels import LANGUAGE_LABELS, ROLE_LABELS, chooser, label  # noqa: E402
from ui.text import NO_VALUE, _  # noqa: E402

st.title(_("Users and offices"))

people = accounts.list_users(engine(), user)
certified = certification_view.roster_columns(certification.roster(engine(), user))
offices = accounts.list_offices(engine())
office_names = {o["id"]: o["name"] for o in offices}

st.dataframe(
    pd.DataFrame(
        [
            {
                _("Name"): p["name"],
                _("Username"): p["username"],
                _("Role"): label(ROLE_LABELS, p["role"]),
                _("Office"): p["office"],
                _("HUD counselor ID"): p["hud_counselor_id"],
                **certified.get(p["id"], {}),
                _("Active"): p["active"],
                _("Locked"): p["locked"],
                _("Second factor"): p["second_factor"],
            }
            for p in people
        ]
    ),
    hide_index=True,
    width="stretch",
    placeholder=NO_VALUE,
)

certification_view.missing_list(user)

add_tab, manage_tab, office_tab = st.tabs([_("Add a user"), _("Disable or reset"), _("Offices")])

with add_tab, st.form("add_user", clear_on_submit=True):
    name = st.text_input(_("Full name"), key="new_name")
    username = st.text_input(_("Username"), key="new_username")
    role = st.selectbox(_("Role"), ROLES, format_func=chooser(ROLE_LABELS), index=2, key="new_role",
                        placeholder=_("Choose an option"))
    office = st.selectbox(_("Office"), list(office_names), format_func=office_names.get, key="new_office",
                          placeholder=_("Choose an option"))
    hud_id = st.text_input(_("HUD counselor ID (counselors)"), key="new_hud_id")
    language = st.selectbox(_("Language"), ["es", "en"], format_func=chooser(LANGUAGE_LABELS), key="new_lang",
                            placeholder=_("Choose an option"))
    password = st.text_input(
        _("First password (at least 12 characters, hard to guess)"), type="password", key="new_password"
    )
    if st.form_submit_button(_("Add user"), type="primary"):
        try:
            accounts.create_user(
                engine(),
                username=username,
                display_name=name,
                password=password,
                role=role,
                office_id=office,
                hud_counselor_id=hud_id,
                language=language,
                actor=user,
            )
        except accounts.AccountError as err:
            st.error(account_message(err))
        else:
            st.success(_("User added. Give them their first password in person."))

with manage_tab:
    by_id = {p["id"]: p for p in people}
    chosen = st.selectbox(
        _("User"),
        list(by_id),
        format_func=lambda i: f"{by_id[i]['name']} ({by_id[i]['username']})",
        key="manage_user",
        placeholder=_("Choose an option"),
    )
    if chosen is not None:
        target = by_id[chosen]
        col1, col2 = st.columns(2)
        if target["active"]:
            if col1.button(_("Disable account"), key="disable_user"):
                try:
                    accounts.set_active(engine(), user, chosen, False)
                except accounts.AccountError as err:
                    st.error(account_message(err))
                else:
                    st.success(_("Account disabled."))
        elif col1.button(_("Enable account"), key="enable_user"):
            accounts.set_active(engine(), user, chosen, True)
            st.success(_("Account enabled."))
        with col2.form("reset_password", clear_on_submit=True):
            new_password = st.text_input(
                _("New password (at least 12 characters, hard to guess)"),
                type="password",
                key="reset_password_value",
            )
            if st.form_submit_button(_("Reset password")):
                try:
                    accounts.reset_password(engine(), user, chosen, new_password)
                except accounts.AccountError as err:
                    st.error(account_message(err))
                else:
                    st.success(_("Password reset. The account is unlocked."))
        with st.form("change_access"):
            ids = list(office_names)
            new_role = st.selectbox(
                _("Role"), ROLES, index=ROLES.index(target["role"]), format_func=chooser(ROLE_LABELS),
                key="access_role",
                placeholder=_("Choose an option"),
            )
            current_office = next((i for i in ids if office_names[i] == target["office"]), ids[0])
            new_office = st.selectbox(
                _("Office"), ids, index=ids.index(current_office), format_func=office_names.get,
                key="access_office",
                placeholder=_("Choose an option"),
            )
            if st.form_submit_button(_("Change role or office")):
                try:
                    accounts.set_role_and_office(engine(), user, chosen, new_role, new_office)
                except accounts.AccountError as err:
                    st.error(account_message(err))
                else:
                    st.success(_("Access changed. The user's open sessions have ended."))
        if target["second_factor"]:
            reset_factor_button(user, target)
        if target["role"] == "lead":
            lead_offices_form(user, target, offices)
        if target["role"] in certification.COUNSELING_ROLES:
            certification_view.form(user, chosen)

with office_tab, st.form("add_office", clear_on_submit=True):
    st.write(", ".join(office_names.values()))
    office_name = st.text_input(_("New office name"), key="new_office_name")
    if st.form_submit_button(_("Add office")):
        try:
            accounts.create_office(engine(), user, office_name)
        except accounts.AccountError as err:
            st.error(account_message(err))
        else:
            st.success(_("Office added."))
