"""The navigation menu each role sees, and stand-ins at the other roles' addresses.

A page left out of a menu cannot be reached at all; its address then shows Streamlit's own English
"Page not found". So every address some menu holds is kept, hidden, in every menu: a visitor who opens a
bookmarked client page gets the login form (and, once logged in, that page), and a user whose role
lacks it is told so in their language.
"""

from __future__ import annotations

from functools import cache

import streamlit as st

from db import accounts
from ui import auth
from ui.menu_cache import has_users
from ui.text import _


class PageMaker:
    """Makes a menu's pages and notes each one's address (st.Page gives a default page's as "")."""

    def __init__(self) -> None:
        self.addresses: set[str] = set()

    def __call__(self, target, title: str, address: str, icon: str | None = None, **kwargs) -> st.Page:
        self.addresses.add(address)
        return st.Page(target, title=title, url_path=address, icon=icon, **kwargs)


def calculator_pages(page: PageMaker) -> list:
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


def role_menu(user: dict | None, page: PageMaker) -> dict:
    """The pages this user may open, by section."""
    role = user["role"] if user else None
    calculators = calculator_pages(page)
    menu: dict[str, list] = {}
    if user is None:
        if has_users():
            first = page(auth.login_page, _("Log in"), "start", ":material/login:")
        else:
            first = page(auth.first_admin_page, _("Set up Camino"), "setup", ":material/key:")
        # The first page lives at "/"; /login (a bookmark) shows the same form, not "Page not found".
        menu[_("Account")] = [
            first,
            page(login_form, _("Log in"), "login", visibility="hidden"),
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
            page(auth.logout_page, _("Log out"), "logout", ":material/logout:"),
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
        page(auth.logout_page, _("Log out"), "logout", ":material/logout:"),
        # /login once logged in (a bookmark, or the address the login form was on) opens the home page
        # instead of Streamlit's "Page not found".
        page(to_home_page, _("Log in"), "login", visibility="hidden"),
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


def other_addresses() -> None:
    """A hidden page at an address this menu lacks: the login form for a visitor, else why it is not here."""
    user = auth.current_user()
    if user is None:
        login_form()
    elif accounts.needs_second_factor(user):
        st.warning(_(auth.ENROL_FIRST), icon=":material/lock:")
    else:
        st.warning(_("Please log in with an account that has access to this page."), icon=":material/lock:")


# Sample users for the menus whose addresses are collected (the role and the second factor decide a menu).
_EVERY_MENU = (
    None,
    {"role": "admin", "second_factor": False},
    {"role": "admin", "second_factor": True},
    {"role": "lead"},
    {"role": "counselor"},
    {"role": "trainer"},
)
# The login page's own addresses. Left out of a signed-in menu: the run right after a login then falls to
# the home page by itself (a stand-in sending it there would draw the page twice).
_LOGIN_ADDRESSES = frozenset({"start", "setup"})


@cache
def every_address() -> frozenset[str]:
    """Every address any menu holds (built once per process: addresses do not depend on the language)."""
    found = set(_LOGIN_ADDRESSES)  # a visitor's first page is one or the other, by whether anyone can log in
    for sample in _EVERY_MENU:
        page = PageMaker()
        role_menu(sample, page)
        found |= page.addresses
    return frozenset(found)


def build_menu(user: dict | None) -> dict:
    """The pages this user may open, by section, and hidden stand-ins at every other address."""
    page = PageMaker()
    menu = role_menu(user, page)
    left_out = page.addresses | (_LOGIN_ADDRESSES if user is not None else frozenset())
    title = _("Log in") if user is None else "Camino"
    stand_ins = [
        st.Page(other_addresses, title=title, url_path=address, visibility="hidden")
        for address in sorted(every_address() - left_out)
    ]
    last = list(menu)[-1]
    menu[last] = [*menu[last], *stand_ins]
    return menu
