"""Every rule file validates; the checker catches a missing field, a bad date and a broken DPA schema."""

import subprocess
import sys
from pathlib import Path

import pytest

from calculators.rules import all_rule_files, load
from calculators.rules.__main__ import check, main

ROOT = Path(__file__).resolve().parents[2]
ROW = 'effective_from = 2024-01-01\nsource_url = "https://example.org/rule"\nverified_on = 2024-02-01\n'
PROGRAM = """[[program]]
id = "{id}"
name = {{ en = "Test", es = "Prueba" }}
jurisdictions = ["dc"]
status = "open"
kind = "grant"
repayment = "grant"
id_rule = {{ en = "Ask.", es = "Pregunte." }}
combines_with = []
"""


@pytest.mark.parametrize("name", all_rule_files())
def test_every_rule_file_loads(name):
    assert load(name)


def test_the_shipped_rules_have_no_problems():
    assert check() == []


def test_the_command_passes_on_the_shipped_rules():
    done = subprocess.run(
        [sys.executable, "-m", "calculators.rules", "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "rule files OK" in done.stdout


def test_the_command_needs_the_check_word():
    assert main([]) == 2


def write(root: Path, name: str, text: str) -> None:
    path = root / f"{name}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "text,problem",
    [
        ("[[t]]\nx = 1\neffective_from = 2024-01-01\nverified_on = 2024-02-01\n", "row 1 lacks source_url"),
        (
            '[[t]]\nx = 1\neffective_from = 2024-01-01\nsource_url = "https://a.b"\n',
            "row 1 lacks verified_on",
        ),
        (
            '[[t]]\neffective_from = "2024-01-01"\nsource_url = "https://a.b"\nverified_on = 2024-02-01\n',
            "not a TOML date",
        ),
        (
            '[[t]]\neffective_from = 2024-01-01\nsource_url = "a.b"\nverified_on = 2024-02-01\n',
            "not a web address",
        ),
        ("[[t]]\n" + ROW + "effective_to = 2023-01-01\n", "ends before it starts"),
        ("t = 3\n", "must be an array of tables"),
        ("[[t]\n", "bad"),
    ],
)
def test_a_broken_rule_file_is_reported(tmp_path, text, problem):
    write(tmp_path, "bad", text)
    problems = check(tmp_path)
    assert len(problems) == 1
    assert problem in problems[0] or problem == "bad"
    assert problems[0].startswith("bad")


@pytest.mark.parametrize(
    "change,problem",
    [
        (lambda t: t.replace('id = "p1"', 'id = "p2"'), "does not match the file name"),
        (lambda t: t.replace(', es = "Prueba"', ""), "name needs both en and es"),
        (lambda t: t.replace('kind = "grant"', 'kind = "gift"'), "kind 'gift'"),
        (lambda t: t.replace('["dc"]', '["baltimore"]'), "unknown jurisdiction"),
        (lambda t: t.replace('repayment = "grant"', 'repayment = "forgivable"'), "needs forgive_years"),
        (lambda t: t.replace("combines_with = []", 'combines_with = ["nope"]'), "unknown program 'nope'"),
        (lambda t: t.replace('id_rule = { en = "Ask.", es = "Pregunte." }\n', ""), "lacks id_rule"),
        (
            lambda t: t + '[[limits]]\njurisdiction = "dc"\nincome_limits = [3, 2, 1, 4, 5, 6, 7, 8]\n' + ROW,
            "must not fall",
        ),
        (lambda t: t + '[[limits]]\njurisdiction = "dc"\nincome_limits = [1, 2]\n' + ROW, "needs 8 positive"),
    ],
)
def test_a_broken_program_file_is_reported(tmp_path, change, problem):
    good = PROGRAM.format(id="p1") + ROW
    write(tmp_path, "assistance/p1", good)
    assert check(tmp_path) == []
    write(tmp_path, "assistance/p1", change(good))
    problems = check(tmp_path)
    assert any(problem in p for p in problems), problems
