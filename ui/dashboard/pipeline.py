"""Rendering for the pipeline dashboard: filters, headline numbers, Altair charts, tables, click-through."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from db import codes
from db.pipeline import Filters, fiscal_quarter, quarter_bounds
from ui import filter_menu
from ui.chart_theme import field, localize  # (also enables whole axis and legend labels)
from ui.dashboard import data
from ui.households.labels import frozen
from ui.labels import (
    JURISDICTION_LABELS,
    LANGUAGE_LABELS,
    MILESTONE_LABELS,
    STAGE_LABELS,
    label,
)
from ui.office_picker import all_or_office
from ui.text import N_, NO_VALUE, _, date, lang, money, ngettext, number, percent

FILTER_KEY = "households_filter"  # read by the households page: {"ids": [...]}
HOUSEHOLDS_PAGE = "app_pages/households.py"
ALL = "all"
PICK = "pick"  # the funnel chart's click selection
FILTER_KEYS = ("pipe_office", "pipe_counselor", "pipe_jurisdiction", "pipe_language", "pipe_quarter")

VIEW_KEY = "pipe_view"  # the label of the tab in view under the funnel (in the screen's language)
VIEWS = (N_("Households by group"), N_("Asset milestones"), N_("Caseloads and follow-ups"))
DIMENSION_LABELS = {
    "office": N_("Office"),
    "counselor": N_("Counselor"),
    "jurisdiction": N_("Jurisdiction"),
    "language": N_("Language"),
    "quarter": N_("Intake quarter"),
}
METRIC_LABELS = {
    "stage": N_("At stage: {stage}"),
    "reached": N_("Reached stage: {stage}"),
    "stuck": N_("Stuck more than 90 days"),
    "purchased": N_("Bought a home"),
    "dpa": N_("Got down-payment assistance"),
    "asset": N_("Milestone: {milestone}"),
    "overdue": N_("Follow-up overdue"),
    "no_contact": N_("No contact in 60 days"),
}


def quarter_label(fy_q: tuple[int, int]) -> str:
    fy, q = fy_q
    start, end = quarter_bounds(fy, q)
    return _("FY{year} Q{quarter} ({start} – {end})").format(
        year=fy, quarter=q, start=date(start, "medium"), end=date(end, "medium")
    )


def recent_quarters(today: dt.date, count: int = 8) -> list[tuple[int, int]]:
    """This fiscal quarter and the ones before it, newest first."""
    fy, q = fiscal_quarter(today)
    found = []
    for _i in range(count):
        found.append((fy, q))
        fy, q = (fy - 1, 4) if q == 1 else (fy, q - 1)
    return found


def filters(user: dict, today: dt.date) -> Filters:
    """The filter widgets; a counselor only ever sees their own caseload, a lead the offices they lead."""
    role = user.get("role")
    offices = {o["id"]: o["name"] for o in data.offices(user)} if role in ("admin", "lead") else {}
    # Behind one "Filters" button (ui.filter_menu): five select boxes cost an old laptop ~200 ms a visit.
    box = filter_menu.menu("pipe_more", filter_menu.count_set(dict.fromkeys(FILTER_KEYS)))
    shown: list[tuple[str, object, Callable]] = []  # (field, choice, its format) for the "Filtered by" line

    def pick(field: str, options: list, fmt: Callable, key: str):
        """A filter's select box in the popover; None (the first option) means everything."""
        fmt = frozen(options, fmt)
        value = box.selectbox(field, options, format_func=fmt, key=key, placeholder=_("Choose an option"))
        shown.append((field, value, fmt))
        return value

    office_id = counselor_id = None
    if len(offices) > 1:  # admins, and leads of several offices
        office_id = pick(_("Office"), [None, *offices], all_or_office(user, offices), "pipe_office")
    if role in ("admin", "lead"):
        people = {c["id"]: c["name"] for c in data.counselors(user) if office_id in (None, c["office_id"])}
        counselor_id = pick(
            _("Counselor"),
            [None, *people],
            lambda i: _("All counselors") if i is None else people[i],
            "pipe_counselor",
        )
    jurisdiction = pick(
        _("Jurisdiction"),
        [None, *codes.JURISDICTION],
        lambda c: _("All areas") if c is None else label(JURISDICTION_LABELS, c),
        "pipe_jurisdiction",
    )
    language = pick(
        _("Language"),
        [None, "es", "en"],
        lambda c: _("All languages") if c is None else label(LANGUAGE_LABELS, c),
        "pipe_language",
    )
    quarter = pick(
        _("Opened in"),
        [None, *recent_quarters(today)],
        lambda q: _("Any time") if q is None else quarter_label(q),
        "pipe_quarter",
    )
    filter_menu.applied_line([filter_menu.Applied(f, fmt(v)) for f, v, fmt in shown if v is not None])
    return Filters(office_id, counselor_id, jurisdiction, language, quarter)


def _days(value) -> str:
    return "—" if value is None else number(value, 0)


def headline(figures: dict) -> None:
    """The numbers a lead looks at first."""
    total = figures["funnel"][0]["reached"]
    outcomes = figures["outcomes"]
    a, b, c, d = st.columns(4)
    a.metric(_("Households"), number(total))
    b.metric(_("Stuck more than 90 days"), number(figures["stuck"]))
    c.metric(_("Homes bought"), number(outcomes["purchases"]))
    d.metric(_("Down-payment assistance"), money(outcomes["dpa_dollars"], cents=False))
    e, f, g = st.columns(3)
    growth = outcomes["median_savings_growth"]
    e.metric(
        _("Median savings growth"),
        "—" if growth is None else money(growth, cents=False),
        help=_("Last savings amount recorded minus the first, for households with two or more."),
    )
    change = outcomes["median_credit_change"]
    f.metric(
        _("Median credit-score change"),
        "—" if change is None else ("+" if change > 0 else "") + number(change),
        help=_("Last credit score recorded minus the first, for households with two or more."),
    )
    g.metric(_("Households with down-payment assistance"), number(outcomes["dpa_households"]))


def funnel_table(figures: dict) -> pd.DataFrame:
    days = figures["days"]
    return pd.DataFrame(
        [
            {
                _("Stage"): label(STAGE_LABELS, row["stage"]),
                _("Now at this stage"): row["at_stage"],
                _("Reached this stage"): row["reached"],
                _("Came from the stage before"): "—"
                if row["conversion"] is None
                else percent(row["conversion"], 0),
                _("Median days in stage"): _days(days.get(row["stage"], {}).get("median_days")),
            }
            for row in figures["funnel"]
        ]
    )


def funnel_chart(figures: dict) -> alt.Chart:
    """Horizontal bars: how many households reached each stage, in pipeline order; a click picks a stage."""
    stage, reached = _("Stage"), _("Reached this stage")
    names = [label(STAGE_LABELS, r["stage"]) for r in figures["funnel"]]
    frame = pd.DataFrame(
        {stage: names, reached: [r["reached"] for r in figures["funnel"]]}, columns=[stage, reached]
    )
    return localize(
        alt.Chart(frame)
        .mark_bar(color="#1f6f8b", cursor="pointer")
        .add_params(alt.selection_point(name=PICK, fields=[field(stage)]))
        .encode(
            # labelLimit 0: a stage's whole name, not "Educación para c…" (Vega cuts at a pixel width).
            y=alt.Y(field=field(stage), type="nominal", sort=names, title=stage, axis=alt.Axis(labelLimit=0)),
            x=alt.X(field=field(reached), type="quantitative", title=reached),
            tooltip=[
                alt.Tooltip(field=field(stage), type="nominal", title=stage),
                alt.Tooltip(field=field(reached), type="quantitative", title=reached),
            ],
        )
        .properties(height=260)
    )


@st.cache_data(show_spinner=False, max_entries=64)
def chart_spec(kind: str, payload: str, by: str, language: str) -> dict:
    """A chart's Vega-Lite spec, built (and validated by Altair) once per data and language.

    Altair checks a chart against the Vega-Lite schema each time it is turned into a spec: that was a third
    of the page's server time on every visit. The payload holds the chart's whole input (counts per stage
    and group, and staff or office names for a grouping), so two scopes share an entry only when they would
    draw the same chart.
    """
    rows = json.loads(payload)
    chart = funnel_chart({"funnel": rows}) if kind == "funnel" else breakdown_chart(rows, by)
    return chart.to_dict()


def funnel_spec(figures: dict) -> dict:
    rows = [{"stage": r["stage"], "reached": r["reached"]} for r in figures["funnel"]]
    return chart_spec("funnel", json.dumps(rows), "", lang())


def breakdown_spec(rows: list[dict], by: str) -> dict | None:
    """The chart by group's spec, or None when no household matches."""
    return chart_spec("breakdown", json.dumps(rows, default=str), by, lang()) if rows else None


def breakdown_chart(rows: list[dict], by: str) -> alt.Chart | None:
    """Stacked bars: households per stage within each office, counselor, area, language or quarter."""
    if not rows:
        return None

    def group_name(row):
        if by == "jurisdiction":
            return label(JURISDICTION_LABELS, row["group"])
        if by == "language":
            return label(LANGUAGE_LABELS, row["group"])
        if by == "counselor" and row["group"] is None:
            return _("No counselor")
        if by == "quarter":
            fy, quarter = row["group"]
            return _("FY{year} Q{quarter}").format(year=fy, quarter=quarter)
        return row["label"] or str(row["group"])

    group, stage, count = _(DIMENSION_LABELS[by]), _("Stage"), _("Households")
    frame = pd.DataFrame(
        [{group: group_name(r), stage: label(STAGE_LABELS, r["stage"]), count: r["households"]} for r in rows]
    )
    names = [label(STAGE_LABELS, s) for s in codes.STAGES]
    # Stacked in pipeline order, worked out in the chart: the data a reader can open holds no helper column.
    in_order = (
        f"indexof({json.dumps(names, ensure_ascii=False)}, datum[{json.dumps(stage, ensure_ascii=False)}])"
    )
    return localize(
        alt.Chart(frame)
        .transform_calculate(stage_order=in_order)
        .mark_bar()
        .encode(
            x=alt.X(field=field(group), type="nominal", title=group),
            y=alt.Y(field=field(count), type="quantitative", title=count),
            color=alt.Color(field=field(stage), type="nominal", title=stage, sort=names),
            order=alt.Order("stage_order:Q"),
            tooltip=[
                alt.Tooltip(field=field(group), type="nominal", title=group),
                alt.Tooltip(field=field(stage), type="nominal", title=stage),
                alt.Tooltip(field=field(count), type="quantitative", title=count),
            ],
        )
        .properties(height=300)
    )


def assets_table(outcomes: dict) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {_("Milestone"): label(MILESTONE_LABELS, code), _("Households"): n}
            for code, n in outcomes["asset_milestones"].items()
        ]
    )


def caseload_table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                _("Counselor"): r["counselor"] or _("No counselor"),
                _("Open files"): r["open_files"],
                _("Follow-up overdue"): r["overdue"],
                _("No contact in 60 days"): r["no_contact"],
            }
            for r in rows
        ]
    )


def click_options(figures: dict, counselor_id: int | None) -> list[tuple]:
    """Every number on the page that has households behind it, as (metric, value) pairs."""
    options: list[tuple] = [("stage", s) for s in codes.STAGES]
    options += [("reached", s) for s in codes.STAGES[1:]]
    options += [("stuck", None), ("purchased", None), ("dpa", None)]
    options += [("overdue", counselor_id), ("no_contact", counselor_id)]
    options += [("asset", code) for code, n in figures["outcomes"]["asset_milestones"].items() if n]
    return options


def option_label(option: tuple) -> str:
    metric, value = option
    text = _(METRIC_LABELS[metric])
    if metric in ("stage", "reached"):
        return text.format(stage=label(STAGE_LABELS, value))
    if metric == "asset":
        return text.format(milestone=label(MILESTONE_LABELS, value))
    return text


def households_table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                _("Household"): r["display_name"],
                _("Stage"): label(STAGE_LABELS, r["stage"]),
                _("Counselor"): r["counselor"] or _("No counselor"),
                _("Last contact"): date(r["last_contact_on"], "medium") if r["last_contact_on"] else "—",
                _("Next follow-up"): date(r["next_follow_up"], "medium") if r["next_follow_up"] else "—",
            }
            for r in rows
        ]
    )


def open_in_households(ids: list[int]) -> None:
    """Hand the ids to the households page (session state only: ids never go into a URL)."""
    st.session_state[FILTER_KEY] = {"ids": list(ids)}
    st.switch_page(HOUSEHOLDS_PAGE)


def picked_stage(event) -> str | None:
    """The stage code of the funnel bar the user clicked, if any (named in the reader's words)."""
    try:
        points = event.selection[PICK]
    except (AttributeError, KeyError, TypeError):
        return None
    by_name = {label(STAGE_LABELS, code): code for code in codes.STAGES}
    stage = _("Stage")
    names = [p.get(stage) for p in points if isinstance(p, dict)] if isinstance(points, list) else []
    return next((by_name[n] for n in names if n in by_name), None)


def pick_from_chart(event) -> None:
    """A click on a funnel bar chooses 'reached this stage' in the click-through list below."""
    stage = picked_stage(event)
    if stage is not None and st.session_state.get("pipe_picked") != stage:
        st.session_state["pipe_picked"] = stage
        st.session_state["pipe_behind"] = ("reached", stage) if stage != codes.STAGES[0] else ("stage", stage)


def click_through(user: dict, figures: dict, chosen: Filters, today: dt.date) -> None:
    """Pick a number; see the households behind it here, or open them in the households list."""
    options = click_options(figures, chosen.counselor_id)
    option = st.selectbox(
        _("Households behind a number"),
        options,
        format_func=frozen(options, option_label),
        key="pipe_behind",
        placeholder=_("Choose an option"),
    )
    ids = data.households_behind(user, option[0], option[1], chosen, today)
    st.caption(ngettext("{count} household", "{count} households", len(ids)).format(count=number(len(ids))))
    if not ids:
        return
    left, right = st.columns(2)
    if left.button(_("Show them here"), key="pipe_show", icon=":material/list:"):
        st.dataframe(
            households_table(data.household_rows(user, ids)),
            hide_index=True,
            width="stretch",
            placeholder=NO_VALUE,
        )
    if right.button(_("Open in the household list"), key="pipe_open", icon=":material/groups:"):
        open_in_households(ids)


def scope_caption(user: dict) -> str:
    role = user.get("role")
    if role == "counselor":
        return _("Your own caseload.")
    if role == "lead" and len(data.offices(user)) > 1:
        return _("Households of the offices you lead (choose one below).")
    if role == "lead":
        return _("Households of your office.")
    return _("Households of every office (choose one below).")
