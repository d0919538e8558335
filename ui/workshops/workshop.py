"""Showing a workshop module on screen: settings, one slide at a time, calculator links, trainer notes.

Everything the audience reads on a slide (controls included) is in the workshop's language, which
may differ from the trainer's screen language; settings and trainer notes follow the screen language.
Nothing here reads or shows client data, so the page works logged out and while presenting.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

import i18n
from curricula import workshops
from i18n import file_names
from reports.workshop_handout import handout_pdf
from ui.presentation import is_presenting, start_presenting
from ui.text import N_, _, lang

MODULE_KEY = "module"
LANG_KEY = "workshop_lang"
SLIDE_KEY = "slide"

# Calculator url path -> link label. Labels are marked here and translated on the slide.
CALCULATORS = {
    "affordability": N_("Open the home affordability calculator"),
    "assistance": N_("Open the down-payment assistance screener"),
    "budget": N_("Open the budget coach"),
    "tenant-rights": N_("Open the tenant rights tool"),
}
AUDIENCE_LABELS = {
    "pre_purchase": N_("Homebuyer education"),
    "renter": N_("Renters"),
    "financial_capability": N_("Financial capability"),
    "homeowner": N_("Homeowners"),
}


def on_stage(message: str, workshop_lang: str) -> str:
    """A message in the workshop's language (what the room reads), not the trainer's screen language."""
    return i18n.gettext(message, workshop_lang)


@st.cache_data(show_spinner=False, max_entries=64)
def handout_bytes(module_id: str, workshop_lang: str) -> bytes:
    """The printable handout, built once per module and language (content changes only on deploy)."""
    return handout_pdf(workshops.module(module_id), workshop_lang)


def _restart_module() -> None:
    """A new module or language starts at slide 1; the choice goes to the URL so it can be bookmarked."""
    st.session_state[SLIDE_KEY] = 1
    st.query_params[MODULE_KEY] = st.session_state[MODULE_KEY]
    st.query_params[LANG_KEY] = st.session_state[LANG_KEY]


def _step(delta: int, total: int) -> None:
    current = int(st.session_state.get(SLIDE_KEY) or 1)
    st.session_state[SLIDE_KEY] = min(max(1, current + delta), total)


def _from_url(key: str, allowed: list[str], default: str) -> None:
    """Seed a picker from the URL on the first run (ids, not labels, so links work in both languages)."""
    if st.session_state.get(key) in allowed:
        return
    wanted = st.query_params.get(key)
    st.session_state[key] = wanted if wanted in allowed else default


def choose(all_modules: tuple[workshops.Module, ...]) -> tuple[workshops.Module, str]:
    """Module, workshop language and slide pickers; `?module=renter&workshop_lang=es&slide=3` opens one."""
    ids = [m.id for m in all_modules]
    by_id = {m.id: m for m in all_modules}
    _from_url(LANG_KEY, list(i18n.LANGUAGES), lang())
    _from_url(MODULE_KEY, ids, ids[0])
    with st.expander(_("Choose a workshop"), expanded=not is_presenting()):
        workshop_lang = st.segmented_control(
            _("Workshop language"),
            list(i18n.LANGUAGES),
            format_func=i18n.LANGUAGES.get,
            key=LANG_KEY,
            required=True,
            on_change=_restart_module,
        )
        module_id = st.selectbox(
            _("Module"),
            ids,
            format_func=lambda mid: f"{by_id[mid].order}. {by_id[mid].title[workshop_lang]}",
            key=MODULE_KEY,
            on_change=_restart_module,
            placeholder=_("Choose an option"),
        )
        module = by_id[module_id]
        st.caption(
            _("{audience} · about {minutes} minutes · {count} slides").format(
                audience=_(AUDIENCE_LABELS[module.audience]), minutes=module.minutes, count=len(module.slides)
            )
        )
        total = len(module.slides)
        # A bookmarked slide number can be past the end of a shorter module: clamp before the widget.
        raw = st.session_state.get(SLIDE_KEY)
        if raw is None:
            wanted = st.query_params.get(SLIDE_KEY, "")
            raw = int(wanted) if wanted.isdigit() else None
        if raw is not None and not 1 <= int(raw) <= total:
            st.session_state[SLIDE_KEY] = min(max(1, int(raw)), total)
        st.number_input(_("Slide"), min_value=1, max_value=total, step=1, key=SLIDE_KEY, bind="query-params")
    return module, workshop_lang


def slide_controls(total: int, number: int, workshop_lang: str, where: str) -> None:
    """Previous / Next buttons, with arrow-key shortcuts on the top pair for keyboards and clickers."""
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button(
            on_stage(N_("Previous"), workshop_lang),
            key=f"previous_{where}",
            on_click=_step,
            args=(-1, total),
            disabled=number <= 1,
            icon=":material/arrow_back:",
            shortcut="Left" if where == "top" else None,
        )
        st.button(
            on_stage(N_("Next"), workshop_lang),
            key=f"next_{where}",
            on_click=_step,
            args=(1, total),
            disabled=number >= total,
            type="primary",
            icon=":material/arrow_forward:",
            icon_position="right",
            shortcut="Right" if where == "top" else None,
        )
        st.caption(
            on_stage(N_("Slide {number} of {total}"), workshop_lang).format(number=number, total=total)
        )


def show_slide(module: workshops.Module, slide: workshops.Slide, workshop_lang: str) -> None:
    """The slide itself: title, text, discussion questions and calculator links."""
    st.caption(module.title[workshop_lang])
    st.header(slide.title[workshop_lang], anchor=False)
    st.markdown(slide.body[workshop_lang])
    questions = slide.questions.get(workshop_lang, ())
    if questions:
        st.subheader(on_stage(N_("Let's talk"), workshop_lang), anchor=False)
        st.markdown("\n".join(f"- {q}" for q in questions))
    for preset in slide.presets:
        label = on_stage(CALCULATORS[preset.page], workshop_lang)
        example = dict(preset.label).get(workshop_lang)
        st.link_button(
            f"{label}: {example}" if example else label,
            calculator_url(preset, presenting=is_presenting()),
            icon=":material/calculate:",
        )


def calculator_url(preset: workshops.Preset, presenting: bool) -> str:
    """Relative link to the calculator page with the preset's example numbers (never client data).

    It opens in a new tab: a new session, logged out, so nothing about any client can show there;
    while presenting, the calculator opens in presentation mode too.
    """
    if not presenting:
        return preset.url
    return preset.url + ("&" if "?" in preset.url else "?") + "present=1"


def show_notes(slide: workshops.Slide, workshop_lang: str) -> None:
    """Trainer notes, only on the trainer's own screen (never called while presenting)."""
    notes = slide.notes.get(workshop_lang, "")
    if notes:
        with st.expander(_("Trainer notes"), expanded=True, icon=":material/school:"):
            st.markdown(notes)


def show_tools(module: workshops.Module, workshop_lang: str) -> None:
    """Handout download and the switch into presentation mode (not shown while presenting)."""
    with st.container(horizontal=True):
        st.download_button(
            _("Download the handout (PDF)"),
            data=partial(handout_bytes, module.id, workshop_lang),  # built when pressed
            file_name=file_names.file_name(
                file_names.WORKSHOP_HANDOUT, workshop_lang, module.title.get(workshop_lang) or module.id
            ),
            mime="application/pdf",
            on_click="ignore",
            icon=":material/print:",
        )
        st.button(_("Present this module"), on_click=start_presenting, icon=":material/co_present:")
    with st.expander(_("Sources")):
        st.markdown("\n".join(f"- <{url}>" for url in module.source_urls))


def workshop_screen() -> None:
    """The whole workshop screen: pickers, slide, controls, and (for the trainer) notes and tools.

    While presenting, the slide comes first and the pickers go to the bottom, collapsed.
    """
    all_modules = workshops.modules()
    presenting = is_presenting()
    if presenting:
        stage = st.container()  # created first, so the slide shows above the pickers
        with st.container():
            module, workshop_lang = choose(all_modules)
    else:
        st.title(_("Workshops"))
        module, workshop_lang = choose(all_modules)
        stage = st.container()
    total = len(module.slides)
    number = int(st.session_state.get(SLIDE_KEY) or 1)
    slide = module.slides[number - 1]
    with stage:
        if not presenting:
            slide_controls(total, number, workshop_lang, "top")
        show_slide(module, slide, workshop_lang)
        slide_controls(total, number, workshop_lang, "bottom" if not presenting else "top")
    if not presenting:
        show_notes(slide, workshop_lang)
        show_tools(module, workshop_lang)
