"""Editable tables of the budget coach (income, spending, debts, transfer options) and their example rows.

Tables show translated labels; what leaves this module is plain rows with codes, ready for calculators.
A table is only built while its section is open; its rows are kept in the session for the closed runs.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd
import streamlit as st

from calculators.budget import CATEGORIES
from i18n.labels import BUDGET_CATEGORY_LABELS
from ui.text import N_, NO_VALUE, _, lang

FREQUENCY_LABELS = {
    "weekly": N_("Every week"),
    "biweekly": N_("Every two weeks"),
    "semimonthly": N_("Twice a month"),
    "monthly": N_("Once a month"),
    "annual": N_("Once a year"),
}
FORM_LABELS = {
    "cash": N_("Cash"),
    "deposit": N_("Check or deposit"),
    "non_cash": N_("Help that is not money (SNAP, WIC)"),
}
CATEGORY_LABELS = BUDGET_CATEGORY_LABELS
MONTH_LABELS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)

# Example household for a workshop: a painter paid weekly in cash, a partner paid every two weeks, SNAP.
EXAMPLE_INCOME = [
    ("job_1", 650.0, "weekly", "cash", 5),
    ("job_2", 900.0, "biweekly", "deposit", 9),
    ("snap", 300.0, "monthly", "non_cash", 1),
]
EXAMPLE_INCOME_NAMES = {"job_1": N_("Painting job"), "job_2": N_("Cleaning job"), "snap": N_("SNAP")}
EXAMPLE_SPENDING = [
    ("housing", 1600.0, 1, False),
    ("utilities", 180.0, 12, False),
    ("groceries", 600.0, None, True),
    ("transportation", 250.0, None, True),
    ("phone_internet", 120.0, 20, False),
    ("health_care", 80.0, None, False),
    ("child_care_school", 150.0, None, False),
    ("household_supplies", 80.0, None, True),
    ("debt_payments", 370.0, 25, False),
    ("remittances", 300.0, 15, False),
    ("tanda", 100.0, 1, False),
    ("savings", 100.0, None, False),
    ("eating_out", 120.0, None, True),
    ("personal_care", 60.0, None, True),
    ("entertainment", 40.0, None, True),
]
EXAMPLE_DEBTS = [
    (N_("Store card"), 900.0, 14.99, 35.0),
    (N_("Car"), 7800.0, 8.9, 240.0),
    (N_("Credit card"), 3200.0, 24.99, 95.0),
]
EXAMPLE_TRANSFERS = [
    (N_("Money transfer store"), 10.0, 3.0),
    (N_("Phone app"), 2.99, 1.0),
    (N_("Credit union"), 5.0, 0.5),
]


RESTORE_KEY = "budget_{name}_restore"  # rows of a saved budget, for the table's next build


def _value(value):
    """A cell as plain Python: empty cells (NaN/None) become None."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _rows(frame: pd.DataFrame) -> list[dict]:
    """Rows with at least one filled cell (a blank row the user added is not an error)."""
    rows = []
    for record in frame.to_dict("records"):
        clean = {k: _value(v) for k, v in record.items()}
        if any(v not in (None, "", False) for v in clean.values()):
            rows.append(clean)
    return rows


def _codes(labels: dict) -> dict:
    """Translated label -> code, built once per table instead of translating every label for every cell."""
    return {_(text): code for code, text in labels.items()}


def _editor(name: str, shown: bool, example: Callable, columns: Callable, parse: Callable, **options) -> list:
    """Table `name`'s rows; the editor is only built while `shown`, the rows are kept in the session meanwhile.

    example() is the starting DataFrame, columns() the column_config, parse(frame) the rows for calculators.
    An editor's edits are relative to the frame it was built on, so that frame (`base`) stays the same while
    the section is open; a closed section drops it, and the next opening starts from the last edited rows.
    """
    language = lang()
    saved_key, base_key = f"budget_{name}_saved", f"budget_{name}_base"
    saved = st.session_state.get(saved_key)
    restored = st.session_state.pop(RESTORE_KEY.format(name=name), None)
    if restored is not None:  # a saved budget opened again: its rows, with labels in today's language
        frame = example(restored)
        saved = (language, frame, parse(frame))
        st.session_state[saved_key] = saved
        st.session_state.pop(base_key, None)
    elif (
        saved is None or saved[0] != language
    ):  # the example, once per language (a switch starts over, as before)
        frame = example()
        saved = (language, frame, parse(frame))
        st.session_state[saved_key] = saved
    if not shown:
        st.session_state.pop(base_key, None)
        return _copy(saved[2])
    base = st.session_state.get(base_key)
    if base is None or base[0] != language:
        base = saved[:2]
        st.session_state[base_key] = base
    edited = st.data_editor(
        base[1],
        key=f"budget_{name}_{language}",
        hide_index=True,
        column_config=columns(),
        **options,
        placeholder=NO_VALUE,
    )
    rows = parse(edited)
    st.session_state[saved_key] = (language, edited, rows)
    return _copy(rows)


def restore(saved: dict) -> None:
    """Start the tables from a saved budget's rows (its `tables`: codes and amounts) on their next build.

    The income rows hold the regular paychecks and, when there was any, one "irregular" row with the
    amounts month by month; the spending and debt rows are as the tables parsed them.
    """
    income = [r for r in saved.get("income") or [] if isinstance(r, dict)]
    regular = [r for r in income if r.get("frequency") != "irregular"]
    seasonal = next((r for r in income if r.get("frequency") == "irregular"), None)
    months = list(seasonal.get("by_month") or []) if seasonal else []
    pending = {
        "income": regular,
        "irregular": [float(v or 0) for v in (months + [0.0] * 12)[:12]],
        "spending": [r for r in saved.get("spending") or [] if isinstance(r, dict)],
        "debts": [r for r in saved.get("debts") or [] if isinstance(r, dict)],
    }
    for name, rows in pending.items():
        st.session_state[RESTORE_KEY.format(name=name)] = rows
    st.session_state["irregular_cash"] = seasonal is None or seasonal.get("form") == "cash"


def forget() -> None:
    """Drop every kept table, so the next run starts from the example rows (a new visit to the page)."""
    for name in ("income", "irregular", "spending", "debts", "transfers"):
        st.session_state.pop(f"budget_{name}_saved", None)
        st.session_state.pop(f"budget_{name}_base", None)


def _copy(rows: list) -> list:
    """A fresh list (and fresh row dicts), so a caller changing rows cannot change the kept ones."""
    return [dict(r) if isinstance(r, dict) else r for r in rows]


def income_table(shown: bool = True) -> list[dict]:
    """Regular income sources: name, amount per paycheck, how often, how it is paid, first payday of the month."""
    name, amount, often, form, day = (
        _("Source"),
        _("Amount each time"),
        _("How often"),
        _("Paid in"),
        _("First payday (day of month)"),
    )

    def example(rows: list | None = None) -> pd.DataFrame:
        found = (
            [(_(EXAMPLE_INCOME_NAMES[n]), a, f, k, d) for n, a, f, k, d in EXAMPLE_INCOME]
            if rows is None
            else [
                (r.get("name"), r.get("amount"), r.get("frequency"), r.get("form"), r.get("first_day"))
                for r in rows
            ]
        )
        return pd.DataFrame(
            [
                {
                    name: n,
                    amount: a,
                    often: _(FREQUENCY_LABELS[f]) if f in FREQUENCY_LABELS else f,
                    form: _(FORM_LABELS[k]) if k in FORM_LABELS else k,
                    day: d,
                }
                for n, a, f, k, d in found
            ],
            columns=[name, amount, often, form, day],
        )

    def columns() -> dict:
        return {
            amount: st.column_config.NumberColumn(amount, format="$%.2f"),
            often: st.column_config.SelectboxColumn(often, options=[_(t) for t in FREQUENCY_LABELS.values()]),
            form: st.column_config.SelectboxColumn(form, options=[_(t) for t in FORM_LABELS.values()]),
            day: st.column_config.NumberColumn(day, step=1),
        }

    def parse(frame: pd.DataFrame) -> list[dict]:
        frequencies, forms = _codes(FREQUENCY_LABELS), _codes(FORM_LABELS)
        return [
            {
                "name": row.get(name) or "",
                "amount": row.get(amount),
                "frequency": frequencies.get(row.get(often), row.get(often)) or "monthly",
                "form": forms.get(row.get(form), row.get(form)) or "deposit",
                "first_day": int(row[day]) if isinstance(row.get(day), (int, float)) else None,
            }
            for row in _rows(frame)
        ]

    return _editor("income", shown, example, columns, parse, num_rows="dynamic")


def irregular_table(shown: bool = True) -> list[float]:
    """Irregular or seasonal income, month by month (all zero when there is none)."""
    month, amount = _("Month"), _("Amount")

    def example(rows: list | None = None) -> pd.DataFrame:
        amounts = rows if rows is not None else [0.0] * len(MONTH_LABELS)
        return pd.DataFrame([{month: _(m), amount: a} for m, a in zip(MONTH_LABELS, amounts, strict=True)])

    def columns() -> dict:
        return {amount: st.column_config.NumberColumn(amount, format="$%.2f")}

    def parse(frame: pd.DataFrame) -> list[float]:
        return [_value(v) or 0.0 for v in frame[amount].tolist()]

    return _editor("irregular", shown, example, columns, parse, disabled=[month])


def spending_table(shown: bool = True) -> list[dict]:
    """The spending plan: category, monthly amount, due day (for the calendar), paid from a cash envelope."""
    category, amount, due, envelope = _("Category"), _("Monthly amount"), _("Due day"), _("Cash envelope")

    def example(rows: list | None = None) -> pd.DataFrame:
        found = (
            EXAMPLE_SPENDING
            if rows is None
            else [
                (r.get("category"), r.get("amount"), r.get("due_day"), bool(r.get("envelope"))) for r in rows
            ]
        )
        frame = pd.DataFrame(
            [
                {
                    category: _(CATEGORY_LABELS.get(c, CATEGORY_LABELS["other"])),
                    amount: a,
                    due: d,
                    envelope: e,
                }
                for c, a, d, e in found
            ],
            columns=[category, amount, due, envelope],
        )
        frame[due] = frame[due].astype("Int64")
        return frame

    def columns() -> dict:
        return {
            category: st.column_config.SelectboxColumn(
                category, options=[_(CATEGORY_LABELS[c]) for c in CATEGORIES]
            ),
            amount: st.column_config.NumberColumn(amount, format="$%.2f"),
            due: st.column_config.NumberColumn(due, step=1),
            envelope: st.column_config.CheckboxColumn(envelope),
        }

    def parse(frame: pd.DataFrame) -> list[dict]:
        categories = _codes(CATEGORY_LABELS)
        return [
            {
                "category": categories.get(row.get(category), row.get(category)) or "other",
                "amount": row.get(amount),
                "due_day": int(row[due]) if isinstance(row.get(due), (int, float)) else None,
                "envelope": bool(row.get(envelope)),
            }
            for row in _rows(frame)
        ]

    return _editor("spending", shown, example, columns, parse, num_rows="dynamic")


def debts_table(shown: bool = True) -> list[dict]:
    """Debts: name, balance, APR in percent (as people read it on a statement), minimum payment."""
    name, balance, apr, minimum = _("Debt"), _("Balance owed"), _("APR (%)"), _("Minimum payment")

    def example(rows: list | None = None) -> pd.DataFrame:
        found = (
            [(_(n), b, r, m) for n, b, r, m in EXAMPLE_DEBTS]
            if rows is None
            else [
                (
                    r.get("name"),
                    r.get("balance"),
                    None if r.get("apr") is None else round(r["apr"] * 100, 6),  # a statement's percent
                    r.get("minimum"),
                )
                for r in rows
            ]
        )
        return pd.DataFrame(
            [{name: n, balance: b, apr: r, minimum: m} for n, b, r, m in found],
            columns=[name, balance, apr, minimum],
        )

    def columns() -> dict:
        return {
            balance: st.column_config.NumberColumn(balance, format="$%.2f"),
            apr: st.column_config.NumberColumn(apr, format="%.2f%%"),
            minimum: st.column_config.NumberColumn(minimum, format="$%.2f"),
        }

    def parse(frame: pd.DataFrame) -> list[dict]:
        return [
            {
                "name": row.get(name) or "",
                "balance": row.get(balance),
                "apr": None if row.get(apr) is None else row[apr] / 100,
                "minimum": row.get(minimum),
            }
            for row in _rows(frame)
        ]

    return _editor("debts", shown, example, columns, parse, num_rows="dynamic")


def transfer_table(shown: bool = True) -> list[dict]:
    """Ways to send money home: fee per transfer and the exchange-rate markup in percent."""
    name, fee, margin = _("Service"), _("Fee per transfer"), _("Exchange-rate markup (%)")

    def example() -> pd.DataFrame:
        return pd.DataFrame([{name: _(n), fee: f, margin: m} for n, f, m in EXAMPLE_TRANSFERS])

    def columns() -> dict:
        return {
            fee: st.column_config.NumberColumn(fee, format="$%.2f"),
            margin: st.column_config.NumberColumn(margin, format="%.2f%%"),
        }

    def parse(frame: pd.DataFrame) -> list[dict]:
        return [
            {
                "name": row.get(name) or "?",
                "fee": row.get(fee),
                "fx_margin": None if row.get(margin) is None else row[margin] / 100,
            }
            for row in _rows(frame)
        ]

    return _editor("transfers", shown, example, columns, parse, num_rows="dynamic")
