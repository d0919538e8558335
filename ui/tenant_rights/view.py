"""Tenant-rights checklist screens: the notice, the yes/no items, the red-flag summary and who to call."""

from __future__ import annotations

import streamlit as st

from curricula import tenant_rights
from ui.text import N_, _, date, ngettext, pick

ANSWERS = ("yes", "no", "not_sure")
ANSWER_LABELS = {"yes": N_("Yes"), "no": N_("No"), "not_sure": N_("Not sure")}
ALL_TOPICS = "all"
ANSWER_KEY = "tr_answer_{id}"
TOPIC_KEY = "tr_topic"
# Every answer given on this screen, by question id. The questions of one topic are drawn at a time, and
# Streamlit forgets a widget's value once it is not drawn, so the answers are kept here as well.
STORE_KEY = "tr_answers"
SUMMARY_FRAGMENT = "tr_summary"  # the fragment an answer reruns (ui/tenant_rights/checklist.py)
# Which answered topics suggest which HUD-9902 rental outcome (the counselor confirms; never automatic).
OUTCOME_TOPICS = {
    "avoided_eviction": ("eviction_notice", "lockout_utilities"),
    "improved_living_conditions": ("repairs", "move_in", "lockout_utilities"),
}


def choice(label: str, options: dict[str, str], key: str, *, buttons: bool = False) -> str:
    """A selectbox whose id (not its translated label) is kept in the URL, so a link works in both languages.

    Streamlit's own bind stores the label shown, which changes with the language; so the URL is synced here.
    """
    ids = list(options)
    wanted = st.query_params.get(key)
    if key not in st.session_state and wanted in options:
        st.session_state[key] = wanted
    if st.session_state.get(key) not in options:
        st.session_state[key] = ids[0]
    if buttons:  # every choice in sight, one press away (a drop-down takes two, and is slower to draw)
        value = st.pills(label, ids, format_func=options.get, key=key, required=True)
    else:
        value = st.selectbox(label, ids, format_func=options.get, key=key, placeholder=_("Choose an option"))
    if value == ids[0]:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = value
    return value


def notice() -> None:
    """'General information, not legal advice', with the content review date: on every screen."""
    st.info(
        _("General information, not legal advice. Content reviewed on {date}.").format(
            date=date(tenant_rights.review_date())
        ),
        icon=":material/info:",
    )


def place_label(place: str) -> str:
    return pick(tenant_rights.places()[place]["name"])


def topic_label(topic: str) -> str:
    if topic == ALL_TOPICS:
        return _("All topics")
    titles = {t["id"]: t["title"] for t in tenant_rights.topics()}
    return pick(titles.get(topic, topic))


def topics_for(place: str) -> list[str]:
    """Topics that have items for this place, in walking order, then 'all topics'.

    The first topic is where the checklist opens: a few questions at a time draw at once, where all 15-25
    of a place took an old laptop over a second.
    """
    return [*in_walking_order({i["topic"] for i in tenant_rights.checklist_for(place)}), ALL_TOPICS]


def in_walking_order(topics: set[str]) -> tuple[str, ...]:
    """These topic ids in the order the content lists topics."""
    return tuple(t["id"] for t in tenant_rights.topics() if t["id"] in topics)


def shown_items(items: list[dict], topic: str) -> list[dict]:
    """The questions drawn for `topic` (all of them for ALL_TOPICS)."""
    return [i for i in items if topic == ALL_TOPICS or i["topic"] == topic]


def handout_topics(items: list[dict], topic: str, answers: dict[str, str]) -> tuple[str, ...] | None:
    """The topics a handout covers: the one in view and every one answered, in walking order (None: all)."""
    if topic == ALL_TOPICS:
        return None
    return in_walking_order({topic} | {i["topic"] for i in items if i["id"] in answers})


def _go_to_topic(topic: str) -> None:
    st.session_state[TOPIC_KEY] = topic


def topic_steps(place_topics: list[str], topic: str) -> None:
    """Where this topic is in the walk, and a button to the next one (the picker above reaches any)."""
    walk_order = [t for t in place_topics if t != ALL_TOPICS]
    if topic not in walk_order:
        return
    number = walk_order.index(topic) + 1
    st.caption(
        _("Topic {number} of {count}. Answers to the other topics are kept.").format(
            number=number, count=len(walk_order)
        )
    )
    if number < len(walk_order):
        following = walk_order[number]
        st.button(
            _("Next topic: {topic}").format(topic=topic_label(following)),
            key="tr_next_topic",
            icon=":material/arrow_forward:",
            on_click=_go_to_topic,
            args=(following,),
        )


def contact_lines(contact_ids: list[str]) -> list[str]:
    """Markdown lines for contacts: name, phone, web address (whatever the content has)."""
    directory = tenant_rights.contacts()
    lines = []
    for cid in contact_ids:
        contact = directory[cid]
        parts = [f"**{pick(contact['name'])}**"]
        if contact.get("phone"):
            parts.append(contact["phone"])
        if contact.get("url"):
            parts.append(_("[website]({url})").format(url=contact["url"]))
        lines.append(" · ".join(parts))
    return lines


def stored_answers() -> dict[str, str]:
    return st.session_state.setdefault(STORE_KEY, {})


def _answered(item_id: str) -> None:
    """Keep the answer, then rerun the summary's fragment, not the page: an answer changes only what the
    answers say, and the browser already shows the choice, so the questions need not be drawn again.
    """
    answer = st.session_state.get(ANSWER_KEY.format(id=item_id))
    if answer in ANSWERS:
        stored_answers()[item_id] = answer
    else:  # pressed again: taken back
        stored_answers().pop(item_id, None)
    st.rerun(SUMMARY_FRAGMENT)


def answers_given(items: list[dict]) -> dict[str, str]:
    """The answers to `items` so far, as kept when each was pressed (drawn this run or not)."""
    store = stored_answers()
    return {item["id"]: store[item["id"]] for item in items if item["id"] in store}


def walk(items: list[dict]) -> None:
    """One yes / no / not sure question per item, grouped by topic (the answers: `answers_given`)."""
    topic_titles = {t["id"]: t["title"] for t in tenant_rights.topics()}
    local = tenant_rights.local_areas()
    answer_labels = {a: _(ANSWER_LABELS[a]) for a in ANSWERS}
    store = stored_answers()
    current = None
    for item in items:
        key = ANSWER_KEY.format(id=item["id"])
        if key not in st.session_state and item["id"] in store:
            st.session_state[key] = store[item["id"]]  # answered while another topic was in view
        if item["topic"] != current:
            current = item["topic"]
            st.subheader(pick(topic_titles.get(current, current)))
        if item.get("local"):
            st.caption(pick(local[item["local"]]["name"]))
        # One element per question: the sources are listed once, below (`sources`), not in a caption or
        # a help icon on each of the 25 questions, which a place change made the browser draw again.
        # Three buttons in a row, not radio circles: a new place mounts every question anew, and the
        # browser draws a segmented control faster; pressing the chosen answer again clears it.
        st.segmented_control(
            pick(item["text"]),
            ANSWERS,
            format_func=answer_labels.get,
            key=key,
            on_change=_answered,
            args=(item["id"],),
        )
    sources(items)


SOURCES_KEY = "tr_sources"


def _plain(text: str) -> str:
    """Our own checklist text inside Markdown: a dollar sign or an asterisk is shown, not read as markup."""
    for mark in ("\\", "*", "_", "$", "[", "]", "`"):
        text = text.replace(mark, "\\" + mark)
    return text


def sources(items: list[dict]) -> None:
    """Where each question comes from, in a closed section built only when it is opened."""
    with st.expander(_("Where these questions come from"), key=SOURCES_KEY, on_change="rerun") as panel:
        if panel.open:
            for item in items:
                st.markdown(
                    _("**{question}** Source: {citation} · [read the source]({url})").format(
                        question=_plain(pick(item["text"])),
                        citation=_plain(item["citation"]),
                        url=item["source_url"],
                    )
                )


def summary(items: list[dict], answers: dict[str, str]) -> list[dict]:
    """The red flags (and 'not sure' items) with next steps and who to call; returns them."""
    flags = tenant_rights.red_flags(items, answers)
    st.header(_("Summary"))
    if not answers:
        st.caption(_("Answer the questions above to see your summary."))
        return flags
    if not flags:
        st.success(_("No warning signs in your answers."), icon=":material/check_circle:")
        return flags
    reds = [f for f in flags if f["flag"] == "red"]
    if reds:
        st.error(
            ngettext(
                "{count} warning sign. Here is what to do.",
                "{count} warning signs. Here is what to do.",
                len(reds),
            ).format(count=len(reds)),
            icon=":material/flag:",
        )
    for item in flags:
        with st.container(border=True):
            if item["flag"] == "red":
                st.markdown(_("**Warning sign:** {question}").format(question=pick(item["text"])))
            else:
                st.markdown(_("**To check:** {question}").format(question=pick(item["text"])))
            st.markdown(pick(item["next_steps"]))
            st.markdown("\n".join("- " + line for line in contact_lines(item["contacts"])))
    return flags


def proposed_outcomes(items: list[dict], answers: dict[str, str]) -> list[str]:
    """Rental outcomes worth offering the counselor, from the topics the household worked on."""
    worked = {i["topic"] for i in items if i["id"] in answers}
    return [code for code, topics in OUTCOME_TOPICS.items() if worked & set(topics)]


def restore(saved_inputs: dict) -> None:
    """Put a saved place, topic and answers back into the widgets (they are drawn again on the rerun)."""
    if saved_inputs.get("place") in tenant_rights.places():
        st.session_state["tr_place"] = saved_inputs["place"]
        st.session_state[TOPIC_KEY] = saved_inputs.get("topic") or ALL_TOPICS
    for item_id, answer in (saved_inputs.get("answers") or {}).items():
        if answer in ANSWERS:
            stored_answers()[item_id] = answer
            st.session_state[ANSWER_KEY.format(id=item_id)] = answer
