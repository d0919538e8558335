"""Table-driven writer of HUD's client profile: ClientRecords -> XML in the SDK's layout, and CSV.

The element table (`elements_5_0.toml`) lists HUD's element names in order with the record field and
the kind of value each takes; the mapping (`mapping_5_0.toml`, see codes.py) gives HUD's code IDs. A
record missing a required value is left out of the file and listed, with what is missing, so someone
can fix it: HUD would reject the whole file otherwise. Nothing here knows a specific element.
"""

from __future__ import annotations

import csv
import io
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reports.hud_arm.codes import MAPPING, SDK, Mapping, mappings
from reports.hud_arm.records import ClientRecord

ELEMENTS = Path(__file__).resolve().parent / "elements_5_0.toml"
KINDS = ("int", "whole", "text", "code", "races", "codes", "phone", "email", "flag", "date", "datetime")
EMAIL_MAX = 50


@dataclass(frozen=True)
class Element:
    name: str
    source: str
    kind: str
    required: bool = False
    list: str | None = None
    child: str | None = None


@dataclass(frozen=True)
class Layout:
    namespace: str
    schema: str
    root: str
    container: str
    record: str
    elements: tuple[Element, ...]

    @property
    def schema_path(self) -> Path:
        return SDK / self.schema


@dataclass(frozen=True)
class Gap:
    """Why a required element has no value: `missing` (not recorded), `no_hud_code` (HUD has none)."""

    household_id: int
    case_number: str
    source: str  # the ClientRecord field, e.g. 'marital_status'
    reason: str


@dataclass
class Export:
    xml: bytes
    csv: str
    included: int
    left_out: dict[int, list[Gap]] = field(default_factory=dict)  # household id -> gaps


@cache
def load_layout(path: Path = ELEMENTS) -> Layout:
    spec = tomllib.loads(path.read_text(encoding="utf-8"))
    elements = tuple(Element(**row) for row in spec["element"])
    for element in elements:
        if element.kind not in KINDS:
            raise ValueError(f"{element.name}: unknown kind {element.kind!r}")
        if element.source not in ClientRecord.__dataclass_fields__:
            raise ValueError(f"{element.name}: ClientRecord has no field {element.source!r}")
    return Layout(
        spec["namespace"], spec["schema"], spec["root"], spec["container"], spec["record"], elements
    )


def _phone(text: str) -> str | None:
    digits = "".join(ch for ch in text or "" if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}" if len(digits) == 10 else None


def _code(mapping: Mapping, value: str) -> tuple[str | None, str | None]:
    """(HUD value, gap reason): a missing value or one HUD has no code for gives a reason instead."""
    if value in (None, ""):
        return None, "missing"
    code = mapping.code(value)
    if code is None:
        return None, "not_mapped"
    if code == "":
        return None, "no_hud_code"
    return code, None


def _races_key(races: tuple[str, ...], mapping: Mapping) -> str:
    key = "+".join(races)
    return key if key in mapping.values or len(races) < 2 else "multiple"


def write_value(element: Element, value, maps: dict[str, Mapping]):
    """(text or list of texts, gap reason) for one element of one record."""
    kind = element.kind
    if kind == "codes":
        found = [_code(maps[element.list], v)[0] for v in value or ()]
        texts = sorted({c for c in found if c}, key=int)
        return (texts, None) if texts else (None, "missing")
    if kind == "code":
        return _code(maps[element.list], value)
    if kind == "races":
        return (
            _code(maps[element.list], _races_key(tuple(value), maps[element.list]))
            if value
            else (None, "missing")
        )
    if value is None or value == "":
        return None, "missing"
    if kind == "int":
        return str(int(value)), None
    if kind == "whole":
        return str(int(round(float(value)))), None
    if kind == "text":
        return str(value), None
    if kind == "phone":
        phone = _phone(value)
        return (phone, None) if phone else (None, "bad_phone")
    if kind == "email":
        return (value, None) if len(value) <= EMAIL_MAX else (None, "too_long")
    if kind == "flag":
        return ("Y" if value else "N"), None
    if kind == "date":
        return value.strftime("%m-%d-%Y"), None
    if kind == "datetime":
        return value.strftime("%m-%d-%Y %H:%M"), None
    raise ValueError(kind)


def serialize(record: ClientRecord, layout: Layout, maps: dict[str, Mapping]):
    """(the [(element, value)] written for this record, the required ones it lacks as Gaps)."""
    written, gaps = [], []
    for element in layout.elements:
        value, reason = write_value(element, getattr(record, element.source), maps)
        if value is not None:
            written.append((element, value))
        elif element.required:
            gaps.append(Gap(record.household_id, record.case_number, element.source, reason))
    return written, gaps


def gaps_of(record: ClientRecord, layout: Layout | None = None) -> list[Gap]:
    return serialize(record, layout or load_layout(), mappings(MAPPING))[1]


def export(records: list[ClientRecord], layout: Layout | None = None) -> Export:
    """The XML submission and the CSV of the records HUD would accept, and why the others are left out."""
    layout = layout or load_layout()
    maps = mappings(MAPPING)
    ns = layout.namespace
    ET.register_namespace("tns", ns)
    root = ET.Element(f"{{{ns}}}{layout.root}")
    container = ET.SubElement(root, f"{{{ns}}}{layout.container}")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([e.name for e in layout.elements])
    left_out: dict[int, list[Gap]] = {}
    included = 0
    for record in records:
        written, gaps = serialize(record, layout, maps)
        if gaps:
            left_out.setdefault(record.household_id, []).extend(gaps)
            continue
        included += 1
        node = ET.SubElement(container, f"{{{ns}}}{layout.record}")
        row = {}
        for element, value in written:
            child = ET.SubElement(node, f"{{{ns}}}{element.name}")
            if isinstance(value, list):
                for item in value:
                    ET.SubElement(child, f"{{{ns}}}{element.child}").text = item
                row[element.name] = ";".join(value)
            else:
                child.text = value
                row[element.name] = value
        writer.writerow([row.get(e.name, "") for e in layout.elements])
    if not included:
        root.remove(container)  # the schema wants at least one profile inside Client_Profiles
    xml = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return Export(xml=xml, csv=out.getvalue(), included=included, left_out=left_out)


def file_name(fiscal_year: int, quarter: int, extension: str) -> str:
    return f"hud-client-profiles-FY{fiscal_year}-Q{quarter}.{extension}"
