"""One check for every dollar amount a person types: blank, a number, or a message on the field."""

from __future__ import annotations

import pytest

from calculators import InputError
from db.amounts import optional_amount


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), ("", None), (0, 0.0), ("1250.50", 1250.5), (1000, 1000.0), ("1000", 1000.0)],
)
def test_blank_is_none_and_numbers_are_read(value, expected):
    assert optional_amount(value, "fee", 5000) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("abc", "not_a_number"),
        (True, "not_a_number"),  # a checkbox value is not an amount
        (float("nan"), "not_a_number"),
        ("inf", "not_a_number"),
        (-1, "negative_amount"),
        (1000.01, "out_of_range"),
        ([], "not_a_number"),
    ],
)
def test_bad_amounts_are_named_on_their_field(value, code):
    with pytest.raises(InputError) as err:
        optional_amount(value, "monthly_debt", 1000)
    assert (err.value.code, err.value.field) == (code, "monthly_debt")
