"""A counselor in a real browser: intake → session → milestone, and the pipeline stage follows."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import login, wait_for_app

NAME = "Xiomara Quintanilla Peña"


def metric(page, label: str):
    """The cell under `label` in the client file's table of stage, contacts and status."""
    table = page.get_by_test_id("stMarkdownContainer").locator("table").filter(has_text=label)
    column = ["Stage", "Last contact", "Next follow-up", "File"].index(label) + 1
    return table.locator(f"tbody td:nth-child({column})")


def test_intake_session_milestone_moves_the_stage(page, app_url, app_server):
    login(page, app_url, "counselor")
    page.get_by_test_id("stSidebarNav").get_by_text("New household").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="New household")).to_be_visible()
    page.get_by_label("Household name").fill(NAME)
    page.get_by_label("Phone", exact=True).fill("703-555-0177")
    page.get_by_role("button", name="Save and open the client file").click()
    wait_for_app(page)

    expect(page.get_by_role("heading", name="Client file")).to_be_visible()
    expect(page.get_by_text(NAME).first).to_be_visible()
    expect(metric(page, "Stage")).to_have_text(re.compile(r"^Intake\b"))

    page.get_by_label("Notes (what was discussed, what was agreed)").fill("Primera cita: presupuesto")
    page.get_by_role("button", name="Add session").click()  # no purpose chosen yet: refused, nothing saved
    wait_for_app(page)
    expect(page.get_by_text("Choose the purpose of this session.").first).to_be_visible()
    expect(page.get_by_text("No sessions yet.")).to_be_visible()
    page.get_by_role("combobox", name="Purpose (HUD)").click()
    page.get_by_role("option", name="Pre-purchase / homebuying").click()
    page.get_by_role("combobox", name="Who pays for this session").click()
    page.get_by_role("option", name="No grant (the agency's own funds)").click()
    page.get_by_role("button", name="Add session").click()
    wait_for_app(page)
    expect(page.get_by_text("Session added.")).to_be_visible()
    expect(metric(page, "Last contact")).not_to_have_text("—")

    page.get_by_role("tab", name="Milestones").click()
    page.get_by_label("Evidence (what you saw)").fill("Hoja de presupuesto firmada")
    page.get_by_role("button", name="Record milestone").click()
    wait_for_app(page)
    expect(page.get_by_text("Milestone recorded.")).to_be_visible()
    expect(metric(page, "Stage")).to_have_text(re.compile(r"^Budget done\b"))

    # The new household is on the list with its new stage; nothing about it is in the URL or the log.
    page.get_by_test_id("stSidebarNav").get_by_text("Households", exact=True).click()
    wait_for_app(page)
    page.get_by_label("Search by name or phone").fill("quintanilla")
    page.get_by_label("Search by name or phone").press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("1 household")).to_be_visible()
    assert not re.search(r"quintanilla|xiomara|555-0177", page.url, re.IGNORECASE), page.url
    log = app_server.log_text()
    assert "Quintanilla" not in log and "555-0177" not in log
