"""HUD's code table (ARM reference data) and Camino's mapping onto it, one mapping per list.

`CodeTable.load()` parses the SDK's `referenceData.txt` (the answer of ARM's getReference call) into
{group id: [Item]}. The mapping file (`mapping_5_0.toml`) names, for each Camino list, the HUD group
and, for each Camino value, the HUD item by its description (or a literal value for lists the XSD
spells out, such as Y/N). Names, not numbers, are written by hand, so a wrong number cannot slip in:
`Mapping.code()` resolves them against the table, and loading fails on a name the table lacks.
A value mapped to "" has no HUD code in this schema version (it is reported as such, never guessed).
"""

from __future__ import annotations

import html
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SDK = Path(__file__).resolve().parent / "sdk_5_0"
MAPPING = Path(__file__).resolve().parent / "mapping_5_0.toml"

_GROUP = re.compile(r"<referenceItemGroup>(.*?)</referenceItemGroup>", re.S)
_GROUP_ID = re.compile(r"<groupId>(\d+)</groupId>")
_ITEM = re.compile(
    r"<referenceItem>\s*<id>(\d+)</id>\s*<longDesc>(.*?)</longDesc>\s*<name>(.*?)</name>", re.S
)
_NAMES = re.compile(r"<referenceGroup>\s*<id>(\d+)</id>\s*<name>(.*?)</name>", re.S)


@dataclass(frozen=True)
class Item:
    id: int
    description: str  # longDesc
    name: str


@dataclass(frozen=True)
class CodeTable:
    groups: dict[int, tuple[Item, ...]]
    group_names: dict[int, str]

    @classmethod
    def parse(cls, reference_text: str, group_names_text: str = "") -> CodeTable:
        groups: dict[int, tuple[Item, ...]] = {}
        for block in _GROUP.findall(reference_text):
            gid = int(_GROUP_ID.search(block).group(1))
            groups[gid] = tuple(
                Item(int(i), html.unescape(desc.strip()), html.unescape(name.strip()))
                for i, desc, name in _ITEM.findall(block)
            )
        names = {int(i): html.unescape(n.strip()) for i, n in _NAMES.findall(group_names_text)}
        return cls(groups, names)

    @classmethod
    def load(cls, folder: Path = SDK) -> CodeTable:
        return cls.parse(
            (folder / "referenceData.txt").read_text(encoding="utf-8"),
            (folder / "referenceGroupNames.txt").read_text(encoding="utf-8"),
        )

    def find(self, group: int, text: str, by: str = "description") -> int:
        """The id of the item of `group` whose description (or name) is `text`; KeyError if none."""
        for item in self.groups.get(group, ()):
            if getattr(item, by) == text:
                return item.id
        raise KeyError(f"group {group} has no item {text!r}")


@dataclass(frozen=True)
class Mapping:
    """One Camino list onto one HUD list: {Camino value: HUD value as text ('' = no HUD code)}."""

    name: str
    group: int | None
    values: dict[str, str]
    identity: bool = False  # the Camino value is HUD's item name (US states)

    def code(self, value: str) -> str | None:
        """HUD's value for a Camino value; '' when HUD has none, None when the value is not mapped."""
        return self.values.get(value)


def _resolve(table: CodeTable, name: str, spec: dict) -> Mapping:
    group = spec.get("group")
    if "literal" in spec:
        return Mapping(name, group, {k: str(v) for k, v in spec["literal"].items()})
    if spec.get("identity"):
        by_name = {item.name: str(item.id) for item in table.groups[group]}
        return Mapping(name, group, by_name, identity=True)
    by = spec.get("by", "description")
    values = {k: (str(table.find(group, v, by)) if v else "") for k, v in spec["map"].items()}
    return Mapping(name, group, values)


@cache
def mappings(path: Path = MAPPING, sdk: Path = SDK) -> dict[str, Mapping]:
    """Every list's mapping, resolved against the code table (raises KeyError on an unknown name)."""
    table = CodeTable.load(sdk)
    spec = tomllib.loads(path.read_text(encoding="utf-8"))
    return {name: _resolve(table, name, entry) for name, entry in spec["lists"].items()}
