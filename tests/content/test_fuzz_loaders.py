"""Content loaders never crash on bad content: they report problems (or raise InputError), nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import InputError
from curricula import coaching, tenant_rights, workshops

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20), st.dates()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["en", "es", "x"]), inner, max_size=3)
    ),
    max_leaves=6,
)
ITEM_KEYS = [
    "id",
    "topic",
    "text",
    "citation",
    "source_url",
    "effective_from",
    "effective_to",
    "last_verified",
    "red_flag_if",
    "next_steps",
    "contacts",
    "place",
]


@FUZZ
@given(st.text(max_size=600))
def test_workshop_parser_reports_problems_instead_of_crashing(text):
    try:
        module, problems = workshops.parse(text)
    except InputError as err:
        assert err.code
        return
    assert module is not None or problems


@FUZZ
@given(st.text(max_size=120))
def test_preset_parser_never_crashes(line):
    try:
        preset, problems = workshops.parse_preset(line)
    except InputError as err:
        assert err.code
        return
    assert preset is not None or problems


@FUZZ
@given(st.lists(st.dictionaries(st.sampled_from(ITEM_KEYS), value, max_size=8), max_size=3))
def test_tenant_rights_linter_reports_problems_for_broken_items(items):
    try:
        report = tenant_rights.lint(items=items)
    except InputError as err:
        assert err.code
        return
    assert report is not None


@FUZZ
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["id", "when", "en", "es", "source_url", "title"]), value, max_size=6
        ),
        max_size=3,
    )
)
def test_coaching_tip_checker_never_crashes(rows):
    try:
        found = coaching.problems(rows)
    except InputError as err:
        assert err.code
        return
    assert isinstance(found, list)
