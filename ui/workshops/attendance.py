"""The attendance screen: record a workshop and who came, then print a certificate for each person.

Trainers use it too, so it shows names only (typed, or found by name in the office), never a client file.
"""

from __future__ import annotations

import streamlit as st

from calculators import InputError
from db import education
from db.appointments import workshop_plans as workshop_schedule
from db.codes import EDUCATION_TYPE
from db.local_time import to_local, today_local
from db.scope import AccessDenied
from ui.appointments.common import clock
from ui.appointments.workshop_plan import plan_form
from ui.auth import signed_in_only
from ui.db import engine
from ui.errors import FieldErrors, refuse, show_refusal, take_refusal
from ui.fees import funding as funding_view
from ui.labels import EDUCATION_LABELS, LANGUAGE_LABELS
from ui.text import N_, _, date, lang, ngettext, plain
from ui.widget_text import date_format
from ui.workshops.certificates import VIEW_KEY, certificates
from ui.workshops.titles import module_title, names_for, workshop_modules

OTHER = "__other__"
PEOPLE_KEY = "att_people"  # {household id: name} picked from the search
NEW_KEY = "att_new"  # [{name, language}] typed by the trainer
SEARCH_KEY = "att_last_search"  # (text, results): search (and audit) only when the text changes
FLASH_KEY = "att_saved_message"
NAME_ERROR_KEY = "att_new_name_missing"
REFUSED_KEY = "att_refused"  # the ui.errors.Refusal of the last save, shown once
MESSAGES = {
    "unknown_education_type": N_("Choose the type of workshop."),
    "unknown_language": N_("Choose a language."),
    "date_in_future": N_("The workshop date cannot be in the future."),
    "no_attendees": N_("Add at least one person who attended."),
    "too_long": N_("This text is too long. Please shorten it."),
    "missing_field": N_("Please fill in this field."),
    "already_recorded": N_("Attendance was already recorded for this workshop."),
}


def _people() -> dict:
    return st.session_state.setdefault(PEOPLE_KEY, {})


def _newcomers() -> list:
    return st.session_state.setdefault(NEW_KEY, [])


def _suggest_type(modules: list) -> None:
    """When a module is picked, preselect its HUD-9902 education type (the trainer can still change it)."""
    chosen = st.session_state.get("att_module")
    for module in modules:
        if module.id == chosen and module.hud_education_type in EDUCATION_TYPE:
            st.session_state["att_type"] = module.hud_education_type


def search_box(user: dict) -> None:
    text = st.text_input(_("Find a person by name"), key="att_search", placeholder=_("At least 2 letters"))
    last_text, results = st.session_state.get(SEARCH_KEY, ("", []))
    if text != last_text:
        try:
            results = education.search_names(engine(), user, text)
        except AccessDenied:
            results = []
        st.session_state[SEARCH_KEY] = (text, results)
    if len(education.normalize_name(text)) >= education.SEARCH_MIN and not results:
        st.caption(_("No one with that name in this office. Add them below as a new person."))
    for row in results:
        if row["id"] in _people():
            continue
        st.button(
            _("Add {name}").format(name=plain(row["name"])),
            key=f"att_add_{row['id']}",
            icon=":material/add:",
            on_click=_add_found,
            args=(row["id"], row["name"]),
        )


def _add_found(hid: int, name: str) -> None:
    """Button callback: the person found goes on the list before the run, so the page is drawn once."""
    _people()[hid] = name


def _remove_found(hid: int) -> None:
    """Button callback: take a found person off the list."""
    _people().pop(hid, None)


def _remove_newcomer(index: int, name: str) -> None:
    """Button callback: take a typed person off the list, unless the list changed since it was drawn."""
    newcomers = _newcomers()
    if index < len(newcomers) and newcomers[index]["name"] == name:
        newcomers.pop(index)


def _add_newcomer() -> None:
    """Button callback: move the typed name into the list and empty the box for the next person."""
    clean = " ".join((st.session_state.get("att_new_name") or "").split())
    if not clean:
        st.session_state[NAME_ERROR_KEY] = True
        return
    _newcomers().append({"name": clean, "language": st.session_state.get("att_new_lang", "es")})
    st.session_state["att_new_name"] = ""


def quick_add_box(errors: FieldErrors) -> None:
    st.markdown(_("**New person** (not yet a client of the office)"))
    left, right = st.columns([3, 1])
    left.text_input(_("Full name"), key="att_new_name", max_chars=education.NAME_LIMIT)
    right.selectbox(
        _("Language"),
        list(education.LANGUAGES),
        format_func=names_for(LANGUAGE_LABELS, education.LANGUAGES),
        key="att_new_lang",
        placeholder=_("Choose an option"),
    )
    errors.slot("name")
    st.button(_("Add new person"), key="att_new_add", icon=":material/person_add:", on_click=_add_newcomer)
    if st.session_state.pop(NAME_ERROR_KEY, False):
        errors.show(InputError("missing_field", "name"), MESSAGES)


def chosen_list() -> None:
    people, newcomers = _people(), _newcomers()
    total = len(people) + len(newcomers)
    st.markdown(ngettext("**{n} person attended**", "**{n} people attended**", total).format(n=total))
    for hid, name in list(people.items()):
        left, right = st.columns([4, 1])
        left.text(name)
        right.button(_("Remove"), key=f"att_rm_{hid}", on_click=_remove_found, args=(hid,))
    for index, person in enumerate(list(newcomers)):
        left, right = st.columns([4, 1])
        left.text(_("{name} (new)").format(name=person["name"]))
        right.button(
            _("Remove"), key=f"att_rmn_{index}", on_click=_remove_newcomer, args=(index, person["name"])
        )


def _planned_events(user: dict) -> dict:
    """Planned workshops held by today with no attendance yet, by id."""
    return {e.id: e for e in workshop_schedule.planned_without_attendance(engine(), user, today_local())}


def _planned_choice(user: dict, modules: list):
    """A planned workshop held by today with no attendance yet, to record the attendance on; None: a new one."""
    planned = _planned_events(user)
    if not planned:
        return None
    names = {0: _("A workshop that was not planned")} | {
        e.id: " — ".join(
            (
                f"{date(e.event_date, 'medium')} {clock(to_local(e.starts_at))}",
                module_title(e.module_id, modules, lang()),
            )
        )
        for e in planned.values()
    }
    chosen = st.selectbox(
        _("Planned workshop"), list(names), format_func=names.get, key="att_planned",
        placeholder=_("Choose an option"),
    )  # fmt: skip
    return planned.get(chosen)


def record_form(user: dict, modules: list) -> None:
    """Choose the workshop, add who came, save it all at once."""
    errors = FieldErrors()
    if FLASH_KEY in st.session_state:
        st.success(st.session_state.pop(FLASH_KEY), icon=":material/check_circle:")
    options = [m.id for m in modules] + [OTHER]
    titles = {m.id: module_title(m.id, modules, lang()) for m in modules}
    titles[OTHER] = _("Another topic (type a title)")
    module_id = st.selectbox(
        _("Workshop module"),
        options,
        format_func=titles.get,
        key="att_module",
        on_change=_suggest_type,
        args=(modules,),
        placeholder=_("Choose an option"),
    )
    if not modules:
        st.caption(_("The workshop modules could not be loaded; type the title instead."))
    if module_id == OTHER:
        st.text_input(_("Workshop title"), key="att_title", max_chars=education.TITLE_LIMIT)
    errors.slot("title")
    planned = _planned_choice(user, modules)
    left, middle, right = st.columns(3)
    with left:
        if planned is None:
            st.date_input(
                _("Date"), value=today_local(), max_value=today_local(), key="att_date", format=date_format()
            )
        else:
            st.text(_("Date: {day}").format(day=date(planned.event_date)))
        errors.slot("event_date")
    with middle:
        if "att_type" not in st.session_state and module_id != OTHER:
            _suggest_type(modules)
        st.selectbox(
            _("HUD-9902 education type"),
            EDUCATION_TYPE,
            format_func=names_for(EDUCATION_LABELS, EDUCATION_TYPE),
            key="att_type",
            placeholder=_("Choose an option"),
        )
        errors.slot("education_type")
    with right:
        st.selectbox(
            _("Language of the workshop"),
            list(education.LANGUAGES),
            format_func=names_for(LANGUAGE_LABELS, education.LANGUAGES),
            key="att_lang",
            placeholder=_("Choose an option"),
        )
    funding_view.fields("att", errors, what="workshop")
    st.subheader(_("Who attended"))
    search_box(user)
    quick_add_box(errors)
    chosen_list()
    errors.slot("attendees")
    st.button(
        _("Save attendance"),
        key="att_save",
        type="primary",
        icon=":material/save:",
        on_click=_save_attendance,
        args=(user,),
    )
    refused = take_refusal(REFUSED_KEY)  # the last save's refusal, shown in this run only
    show_refusal(refused, "save", errors, {**MESSAGES, **funding_view.ERRORS}, icon=None)


@signed_in_only  # an ended session (idle, 12 hours, account changed) records nothing
def _save_attendance(user: dict) -> None:
    """Save button callback: the workshop and who came are saved before the run, so the page is drawn once,
    with the list emptied and the confirmation on top; a refusal is kept for the run to show at its field.

    Every value is read from session state as it was at the press (arguments would be those of the last
    drawing)."""
    state = st.session_state
    module_id = state.get("att_module")
    chosen = state.get("att_planned") or None  # 0: a workshop that was not planned
    planned = _planned_events(user).get(chosen) if chosen else None
    paid = funding_view.parse(state.get("att_funding"))
    try:
        if paid is None:  # who paid goes to the 9902's HUD-grant column: chosen, never guessed
            raise InputError("missing_funding", "funding")
        event_id = education.record_event(
            engine(),
            user,
            event_date=planned.event_date if planned else state.get("att_date", today_local()),
            education_type=state.get("att_type"),
            language=state.get("att_lang"),
            module_id="" if module_id == OTHER else module_id,
            title=state.get("att_title", "") if module_id == OTHER else "",
            household_ids=list(_people()),
            new_people=list(_newcomers()),
            funding=paid[0],
            funding_source_id=paid[1],
            fee=state.get("att_fee"),
            planned_id=chosen,  # gone from the list since: the database refuses it (already recorded)
        )
    except InputError as err:
        refuse(REFUSED_KEY, "save", err)
        return
    except AccessDenied:
        refuse(REFUSED_KEY, "save", message=_("You do not have access to one of these households."))
        return
    count = len(_people()) + len(_newcomers())
    state[PEOPLE_KEY], state[NEW_KEY] = {}, []
    state["att_event"] = event_id
    state.pop(VIEW_KEY, None)
    state[FLASH_KEY] = ngettext(
        "Saved: {n} person at this workshop.", "Saved: {n} people at this workshop.", count
    ).format(n=count)


def render(user: dict) -> None:
    st.title(_("Attendance"))
    st.caption(
        _(
            "Record a group workshop for the HUD-9902 report (section 8). Only names are shown here; "
            "client files stay with the counselors."
        )
    )
    modules = workshop_modules()
    with st.expander(_("Plan a workshop"), icon=":material/event:"):
        st.caption(_("A planned workshop is on the office calendar, and its leader is not booked over it."))
        plan_form(user, key="att_ws")
    record_form(user, modules)
    st.divider()
    certificates(user, modules)
