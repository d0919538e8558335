"""Camino's entry point: page set-up, language, login gate and the menu each role sees."""

import streamlit as st

from db import accounts
from i18n import LANGUAGES
from ui import auth, rule_overlay
from ui.db import engine
from ui.menu_cache import cached_menu, has_users
from ui.presentation import apply_presentation_style, is_presenting, presentation_toggle
from ui.session_flow.visit import note_page
from ui.text import _, lang, plain, resend_choices
from ui.widget_text import hide_untranslated_hints, mark_page_language

st.set_page_config(page_title="Camino", page_icon=":material/home:", layout="wide")

auth.enforce_idle_timeout()
user = auth.current_user()
rule_overlay.install()  # the agency's own rule rows, used by every calculator in this run


def remember_language() -> None:
    """Copy the sidebar choice to the session language, and to the account when logged in."""
    st.session_state["lang"] = st.session_state["lang_switch"]
    resend_choices()
    if auth.current_user():
        accounts.set_language(engine(), auth.current_user()["id"], st.session_state["lang"])


def language_switch() -> None:
    """English/Español in the sidebar; the choice is remembered on the user's account."""
    if "pending_lang" in st.session_state:
        st.session_state["lang"] = st.session_state.pop("pending_lang")
    st.session_state["lang"] = lang()
    st.session_state["lang_switch"] = st.session_state["lang"]
    st.sidebar.segmented_control(
        "Language / Idioma",
        list(LANGUAGES),
        format_func=LANGUAGES.get,
        key="lang_switch",
        required=True,
        on_change=remember_language,
    )


def page(path: str, title: str, url_path: str, icon: str, **kwargs) -> st.Page:
    return st.Page(path, title=title, url_path=url_path, icon=icon, **kwargs)


def calculator_pages() -> list:
    return [
        page("app_pages/affordability.py", _("Home affordability"), "affordability", ":material/house:"),
        page(
            "app_pages/assistance.py",
            _("Down-payment assistance"),
            "assistance",
            ":material/volunteer_activism:",
        ),
        page("app_pages/budget.py", _("Budget coach"), "budget", ":material/savings:"),
        page("app_pages/tenant_rights.py", _("Tenant rights"), "tenant-rights", ":material/gavel:"),
    ]


def build_menu(user: dict | None) -> dict:
    """The pages this user may open, by section. A page left out here cannot be reached at all."""
    role = user["role"] if user else None
    calculators = calculator_pages()
    menu: dict[str, list] = {}
    if user is None:
        if has_users():
            first = st.Page(auth.login_page, title=_("Log in"), url_path="start", icon=":material/login:")
        else:
            first = st.Page(
                auth.first_admin_page, title=_("Set up Camino"), url_path="setup", icon=":material/key:"
            )
        # The first page lives at "/"; /login (a bookmark) shows the same form, not "Page not found".
        menu[_("Account")] = [
            first,
            st.Page(login_form, title=_("Log in"), url_path="login", visibility="hidden"),
        ]
        menu[_("Calculators")] = calculators
        menu[_("Workshop")] = [
            page("app_pages/workshop.py", _("Workshops"), "workshop", ":material/co_present:")
        ]
        return menu
    if accounts.needs_second_factor(user):
        # An administrator without a second factor sets one up before anything else.
        menu[_("Account")] = [
            page("app_pages/account.py", _("My account"), "account", ":material/person:", default=True),
            st.Page(auth.logout_page, title=_("Log out"), url_path="logout", icon=":material/logout:"),
        ]
        return menu

    if role in auth.CLIENT_ROLES:
        menu[_("Clients")] = [
            page("app_pages/households.py", _("Households"), "households", ":material/groups:", default=True),
            page("app_pages/household.py", _("Client file"), "household", ":material/folder_shared:"),
            page("app_pages/intake.py", _("New household"), "intake", ":material/person_add:"),
            page("app_pages/action_plan.py", _("Action plan"), "action-plan", ":material/checklist:"),
            page("app_pages/follow_up.py", _("Follow-up"), "follow-up", ":material/event_repeat:"),
            page("app_pages/fees.py", _("Fees and funding"), "fees", ":material/payments:"),
            page("app_pages/appointments.py", _("Appointments"), "appointments", ":material/calendar_month:"),
            page(
                "app_pages/import_export.py",
                _("Import and export"),
                "import-export",
                ":material/import_export:",
            ),
        ]
    menu[_("Calculators")] = calculators
    program = []
    if role in auth.CLIENT_ROLES:
        program.append(
            page("app_pages/pipeline.py", _("Pipeline and outcomes"), "pipeline", ":material/monitoring:")
        )
    if role in auth.PROGRAM_ROLES:
        program += [
            page("app_pages/hud9902.py", _("HUD-9902 report"), "hud-9902", ":material/summarize:"),
            page("app_pages/program_rules.py", _("Program rules"), "program-rules", ":material/rule:"),
            page("app_pages/retention.py", _("Record retention"), "retention", ":material/inventory_2:"),
        ]
    if program:
        menu[_("Program")] = program
    menu[_("Workshop")] = [
        page(
            "app_pages/workshop.py",
            _("Workshops"),
            "workshop",
            ":material/co_present:",
            default=role == "trainer",
        ),
        page("app_pages/attendance.py", _("Attendance"), "attendance", ":material/how_to_reg:"),
    ]
    if role == "admin":
        menu[_("Admin")] = [
            page("app_pages/users.py", _("Users and offices"), "users", ":material/manage_accounts:"),
            page("app_pages/audit_log.py", _("Audit log"), "audit-log", ":material/history:"),
        ]
    menu[_("Account")] = [
        page("app_pages/account.py", _("My account"), "account", ":material/person:"),
        st.Page(auth.logout_page, title=_("Log out"), url_path="logout", icon=":material/logout:"),
        # /login once logged in (a bookmark, or the address the login form was on) opens the home page
        # instead of Streamlit's "Page not found".
        st.Page(to_home_page, title=_("Log in"), url_path="login", visibility="hidden"),
    ]
    return menu


def login_form() -> None:
    if has_users():
        auth.login_page()
    else:
        auth.first_admin_page()


def to_home_page() -> None:
    role = (auth.current_user() or {}).get("role")
    st.switch_page("app_pages/households.py" if role in auth.CLIENT_ROLES else "app_pages/workshop.py")


hide_untranslated_hints()
if is_presenting():
    apply_presentation_style()
    navigation = st.navigation(cached_menu(user, build_menu), position="hidden")
else:
    language_switch()
    presentation_toggle()
    if user:
        st.sidebar.caption(_("Logged in as {name}").format(name=plain(user["name"])))
    navigation = st.navigation(cached_menu(user, build_menu), expanded=True)
mark_page_language()
if user:
    auth.idle_watch()
note_page(navigation.url_path)  # a calculator visited again starts from the file and this visit (#21)
with auth.access_checked():  # the account was read at the top of this run: the page need not again
    navigation.run()
