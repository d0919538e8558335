"""Demo notices given and demo documents for the seeded caseload (db.seed): plainly fictional.

Notices: most households were given the agreement, disclosure and privacy notice the day the file
opened, in their language; about one in eight lacks one or all of them, so the file's banner, the
readiness list and the HUD-9902 count have something to show. Documents: a few households get a tiny
generated pay stub (PDF) and a photo of a letter (PNG), stored through the real document store
(db.documents.add), so the Documents tab is not empty. Each household uses its own random stream.
"""

from __future__ import annotations

import datetime as dt
import random
import struct
import zlib

from fpdf import FPDF
from sqlalchemy import select

from db import documents
from db.accounts import user_dict
from db.engine import reading
from db.models import ClientAgreement, Household, User

KINDS = ("agreement", "disclosure", "privacy")
DOCUMENT_HOUSEHOLDS = 6  # per office: the newest open files of each office's first counselor


def notice_rows(seed: int, household_id: int, row: dict) -> list[dict]:
    """The notices one demo household was given (none, some or all three)."""
    rng = random.Random(seed * 7_000_003 + household_id)
    roll = rng.random()
    if roll < 0.05:
        kinds: tuple[str, ...] = ()
    elif roll < 0.12:
        kinds = KINDS[: rng.randint(1, 2)]
    else:
        kinds = KINDS
    method = rng.choices(("paper", "screen", "verbal"), weights=(60, 30, 10))[0]
    counselor = row.get("counselor_id")
    if method == "verbal" and counselor is None:
        method = "paper"
    return [
        {
            "household_id": household_id,
            "kind": kind,
            "given_on": row["opened_on"],
            "method": method,
            "language": row["preferred_language"] if row["preferred_language"] in ("es", "en") else "en",
            "text_version": 0,
            "attested_by": counselor if method == "verbal" else None,
        }
        for kind in kinds
    ]


def write(session, seed: int, ids, rows: list[dict]) -> None:
    """Insert the demo notices of one chunk of new households."""
    given = [n for hid, row in zip(ids, rows, strict=True) for n in notice_rows(seed, hid, row)]
    if given:
        session.connection().execute(ClientAgreement.__table__.insert(), given)


def pay_stub_pdf(name: str, on: dt.date) -> bytes:
    """A one-page demo pay stub, clearly marked as an example."""
    pdf = FPDF(format="letter")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "DEMO PAY STUB - EXAMPLE ONLY", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for line in (
        "Employer: Example Cleaning Services LLC (fictional)",
        f"Employee: {name.encode('ascii', 'replace').decode()}",
        f"Pay date: {on.isoformat()}",
        "Gross pay this period: $1,540.00",
        "Net pay this period: $1,281.35",
    ):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def letter_png(width: int = 40, height: int = 52) -> bytes:
    """A tiny grey-on-white PNG standing in for a phone photo of a letter."""
    raw = b"".join(
        b"\x00"
        + bytes(
            150 if 6 < x < width - 6 and y % 6 in (2, 3) and 5 < y < height - 5 else 250 for x in range(width)
        )
        for y in range(height)
    )

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def add_documents(engine, today: dt.date) -> int:
    """Store a pay stub and a letter for a few open files of each office, as their counselor; returns the count."""
    with reading(engine) as s:
        counselors = list(s.scalars(select(User).where(User.role == "counselor").order_by(User.id)))
        staff = {}
        for user in counselors:
            staff.setdefault(user.office_id, user_dict(user))
        picks = []
        for office_id, user in staff.items():
            found = s.execute(
                select(Household.id, Household.display_name)
                .where(Household.office_id == office_id, Household.status == "open")
                .order_by(Household.opened_on.desc(), Household.id)
                .limit(DOCUMENT_HOUSEHOLDS)
            ).all()
            picks += [(user, hid, name) for hid, name in found]
    added = 0
    for user, hid, name in picks:
        documents.add(engine, user, hid, "pay_stub", "pay-stub-demo.pdf", pay_stub_pdf(name, today))
        documents.add(engine, user, hid, "letter", "letter-photo-demo.png", letter_png())
        added += 2
    return added
