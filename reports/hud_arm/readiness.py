"""What HUD's client-level reporting still needs from a household: the serializer's gaps, said plainly.

The list comes from the same element table that writes the file, so "ready" here means "goes into the
file". Two rules HUD's reviewers apply that the schema leaves optional are added: a credit score needs
its source, and no score needs the reason.
"""

from __future__ import annotations

from reports.hud_arm.records import ClientRecord
from reports.hud_arm.serializer import Gap, gaps_of

SESSION_FIELDS = ("session_start", "session_minutes", "session_mode")


def record_gaps(record: ClientRecord) -> list[Gap]:
    gaps = []
    for gap in gaps_of(record):
        if gap.source in SESSION_FIELDS and record.session_minutes is None:
            gap = Gap(gap.household_id, gap.case_number, "session", "missing")
        elif gap.source == "session_start":
            gap = Gap(gap.household_id, gap.case_number, "session_start", "missing")
        if gap not in gaps:
            gaps.append(gap)
    if record.credit_score is not None and not record.credit_score_source:
        gaps.append(Gap(record.household_id, record.case_number, "credit_score_source", "missing"))
    if record.credit_score is None and not record.no_credit_score_reason:
        gaps.append(Gap(record.household_id, record.case_number, "credit_score", "missing"))
    return gaps


def household_gaps(household_id: int, records: list[ClientRecord]) -> list[Gap]:
    """Every gap of a household's cases; one for the purpose when it has no case at all."""
    if not records:
        return [Gap(household_id, "", "purpose", "missing")]
    found: list[Gap] = []
    for record in records:
        found.extend(record_gaps(record))
    return found


def fields_missing(gaps: list[Gap]) -> list[str]:
    """The distinct fields to fix, in the order found (one entry for all the household's cases)."""
    return list(dict.fromkeys(gap.source for gap in gaps))
