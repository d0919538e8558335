"""Code -> label tables shared by screens and printouts: one copy, every code labelled, all translated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import i18n
from db import codes
from i18n import labels
from i18n.catalog import extracted_messages

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "name, stored_codes",
    [("MILESTONE_LABELS", codes.MILESTONES), ("STEP_STATUS_LABELS", codes.STEP_STATUS)],
)
def test_screens_and_printouts_use_the_same_table(name, stored_codes):
    import reports.action_plan.sections
    import ui.labels

    table = getattr(labels, name)
    assert getattr(ui.labels, name) is table
    assert set(stored_codes) <= set(table)
    if name == "MILESTONE_LABELS":
        assert reports.action_plan.sections.MILESTONE_LABELS is table
    else:
        assert reports.action_plan.sections.STATUS_LABELS is table


@pytest.mark.parametrize("table", [labels.MILESTONE_LABELS, labels.STEP_STATUS_LABELS])
def test_shared_labels_are_extracted_and_have_spanish(table):
    extracted = extracted_messages()
    for message in table.values():
        assert message in extracted
        assert i18n.gettext(message, "es") != message


def test_the_labels_module_does_not_import_streamlit():
    code = "import sys, i18n.labels, reports.action_plan.build; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
