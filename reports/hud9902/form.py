"""The HUD-9902 form's shape: its sections and rows (HUD's English labels), the report, and the fiscal quarter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from db import codes

QUARTER_END = {1: (0, 12, 31), 2: (1, 3, 31), 3: (1, 6, 30), 4: (1, 9, 30)}

# HUD's row labels (English, as on the form) in the form's order, keyed by our stored codes.
DEMOGRAPHICS = {
    "3": ("ethnicity", "Ethnicity", codes.ETHNICITY),
    "4": ("race", "Race", codes.RACE),
    "5": ("income_band", "Income levels", codes.INCOME_BAND),
    "6": ("rural", "Rural area status", codes.RURAL),
    "7": ("limited_english", "Limited English proficiency", codes.LIMITED_ENGLISH),
}
ROW_LABELS = {
    "3": ["a. Hispanic", "b. Not Hispanic", "c. Chose not to respond"],
    "4": [
        "a. American Indian/Alaskan Native",
        "b. Asian",
        "c. Black or African American",
        "d. Native Hawaiian or Other Pacific Islander",
        "e. White",
        "f. More than one race",
        "g. Chose not to respond",
    ],
    "5": [
        "a. < 30% of Area Median Income (AMI)",
        "b. 30-49% of AMI",
        "c. 50-79% of AMI",
        "d. 80-100% of AMI",
        "e. > 100% of AMI",
        "f. Chose not to respond",
    ],
    "6": ["a. Lives in a rural area", "b. Does not live in a rural area", "c. Chose not to respond"],
    "7": ["a. Limited English proficient", "b. Not limited English proficient", "c. Chose not to respond"],
    "8": [
        "a. Completed financial literacy workshop",
        "b. Completed predatory lending, loan scam or other fraud prevention workshop",
        "c. Completed fair housing workshop",
        "d. Completed homelessness prevention workshop",
        "e. Completed rental workshop",
        "f. Completed pre-purchase homebuyer education workshop",
        "g. Completed non-delinquency post-purchase workshop",
        "h. Completed resolving or preventing mortgage delinquency workshop",
        "i. Completed disaster preparedness assistance workshop",
        "j. Completed disaster recovery assistance workshop",
    ],
    "9": [
        "a. Homeless assistance",
        "b. Rental topics",
        "c. Prepurchase/homebuying",
        "d. Non-delinquency post-purchase",
        "e. Reverse mortgage",
        "f. Resolving or preventing forward mortgage delinquency or default",
        "g. Resolving or preventing reverse mortgage delinquency or default",
        "h. Disaster preparedness assistance",
        "i. Disaster recovery assistance",
    ],
    "10": [
        "a. Received one-on-one counseling and also received education services",
        "b. Received information on fair housing, fair lending and/or accessibility rights",
        "c. Developed a budget customized to the client's current situation",
        "d. Improved financial capacity",
        "e. Gained access to resources to help improve housing situation",
        "f. Gained access to non-housing resources",
        "g. Homeless or potentially homeless households obtained temporary or permanent housing",
        "h. Gained access to disaster recovery non-housing resources",
        "i. Obtained disaster recovery housing resources",
        "j. Developed or updated an emergency preparedness plan",
        "k. Rental counseling: avoided eviction",
        "l. Rental counseling: improved living conditions",
        "m. Pre-purchase counseling: purchased housing",
        "n. Reverse mortgage counseling: obtained a HECM",
        "o. Post-purchase counseling: improved home conditions or affordability",
        "p. Prevented or resolved a forward mortgage default",
        "q. Prevented or resolved a reverse mortgage default",
        "r. Forward mortgage modification and remained current",
        "s. Forward mortgage modification and improved financial capacity",
    ],
}
SECTION_CODES = {
    **{key: spec[2] for key, spec in DEMOGRAPHICS.items()},
    "8": codes.EDUCATION_TYPE,
    "9": codes.COUNSELING_PURPOSE,
    "10": codes.OUTCOME,
}
SECTION_TITLES = {
    **{key: spec[1] for key, spec in DEMOGRAPHICS.items()},
    "8": "Households receiving group education, by purpose",
    "9": "Households receiving one-on-one counseling, by purpose",
    "10": "Outcomes of one-on-one counseling",
}
SECTIONS = ("3", "4", "5", "6", "7", "8", "9", "10")
# household.demo_key gives each demographic one decimal digit, 0 meaning "not a HUD code", in this order.
assert {spec[0]: spec[2] for spec in DEMOGRAPHICS.values()} == codes.DEMOGRAPHIC_CODES
assert list(codes.DEMOGRAPHIC_CODES) == [spec[0] for spec in DEMOGRAPHICS.values()]
assert all(len(spec[2]) <= 9 for spec in DEMOGRAPHICS.values())


@dataclass
class Section:
    """One section of the form: counts by stored code, in the form's order."""

    key: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rows(self) -> list[tuple[str, str, int]]:
        """(code, HUD label, count) for every row of the form, zeros included."""
        return [
            (code, label, self.counts.get(code, 0))
            for code, label in zip(SECTION_CODES[self.key], ROW_LABELS[self.key], strict=True)
        ]


@dataclass
class Report:
    fiscal_year: int
    quarter: int
    start: dt.date
    end: dt.date
    office_id: int | tuple[int, ...] | None
    sections: dict[str, Section]
    checks: list[dict]
    would_drop_off: list[dict] = field(default_factory=list)
    # The HUD-grant column (services a HUD grant paid for), when asked for: build_with_hud_column.
    hud_sections: dict[str, Section] | None = None

    @property
    def passed(self) -> bool:
        return all(check["passed"] for check in self.checks)

    def as_dict(self) -> dict:
        """The JSON shape: sections by number with {label: count} rows and a total, plus the checks."""
        return {
            "fiscal_year": self.fiscal_year,
            "quarter": self.quarter,
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "office_id": list(self.office_id) if isinstance(self.office_id, tuple) else self.office_id,
            "sections": {
                key: {
                    "title": SECTION_TITLES[key],
                    "rows": {label: count for _code, label, count in section.rows()},
                    "total": section.total,
                }
                for key, section in self.sections.items()
            },
            "checks": self.checks,
            "would_drop_off": self.would_drop_off,
            **(
                {}
                if self.hud_sections is None
                else {
                    "hud_grant": {
                        key: {
                            "rows": {label: count for _code, label, count in section.rows()},
                            "total": section.total,
                        }
                        for key, section in self.hud_sections.items()
                    }
                }
            ),
        }


def period(fiscal_year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day (inclusive) of a cumulative fiscal-year-to-date quarter."""
    if quarter not in QUARTER_END:
        raise ValueError("quarter must be 1, 2, 3 or 4")
    if not 1900 < fiscal_year < 3000:
        raise ValueError("fiscal year out of range")
    year_offset, month, day = QUARTER_END[quarter]
    return dt.date(fiscal_year - 1, 10, 1), dt.date(fiscal_year - 1 + year_offset, month, day)


def fiscal_quarter_of(day: dt.date) -> tuple[int, int]:
    """The (fiscal year, quarter) a day falls in."""
    if day.month >= 10:
        return day.year + 1, 1
    return day.year, (day.month - 1) // 3 + 2
