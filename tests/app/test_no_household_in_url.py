"""Property: whatever a household's file holds, no field of it ever appears in a page's URL (issue #21)."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db import codes
from tests.app.conftest import app_test
from tests.factories import make_household

PAGES = ("app_pages/affordability.py", "app_pages/assistance.py", "app_pages/budget.py", "app_pages/tenant_rights.py")
TEXT = st.text(alphabet=string.ascii_letters + "áéíóúñÑ -'", min_size=3, max_size=30).filter(str.strip)


def shown_forms(value) -> set[str]:
    """The ways a value could be written into a URL."""
    if isinstance(value, str):
        return {value, value.strip()}
    return {
        str(value),
        f"{value:.2f}",
        f"{value:g}",
        str(round(value)),
        f"{value / 12:.2f}",
        str(round(value / 12)),
    }


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=TEXT,
    phone=st.from_regex(r"\A\(\d{3}\) 555-01\d{2}\Z"),
    email=st.emails(),
    income=st.integers(min_value=13_000, max_value=250_000),
    size=st.integers(min_value=1, max_value=12),
    jurisdiction=st.sampled_from(codes.JURISDICTION),
    id_type=st.sampled_from(("ssn", "itin")),
    residency=st.sampled_from(("permanent_resident", "non_permanent_resident", "undocumented")),
)
def test_no_household_field_reaches_a_page_url(
    agency, name, phone, email, income, size, jurisdiction, id_type, residency
):
    household = make_household(
        agency["engine"],
        agency["offices"]["north"],
        name,
        phone=phone,
        email=email,
        annual_income=income,
        household_size=size,
        jurisdiction=jurisdiction,
        id_type=id_type,
        residency=residency,
    )
    secrets = {name.strip(), phone, email, id_type, residency} | shown_forms(float(income))
    at = app_test(user=agency["users"]["counselor"], household_id=household)
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        url = {key: at.query_params[key] for key in at.query_params}
        leaked = [
            (k, v)
            for k, v in url.items()
            for value in (v if isinstance(v, list) else [v])
            if value in secrets
        ]
        assert leaked == [], page
        assert not any(
            secret in str(v) for v in url.values() for secret in {name.strip(), phone, email} if secret
        )
