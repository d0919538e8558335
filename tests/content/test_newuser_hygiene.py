"""Small things a new user (and the run log) noticed: third-party copies cited as sources, and
Streamlit arguments that are going away."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Sites that re-host other people's documents: a family or a trainer should be sent to the publisher.
MIRRORS = re.compile(
    r"https?://(www\.)?(docslib\.org|info\.5y1\.org|pdfslide\.net|slideshare\.net|docplayer\.net"
    r"|[a-z0-9]+\.cloudfront\.net)"
)
# Where a DC renter's rights are published: the District (OTA, DHCD, DOB, the Council's DC Code) and
# federal agencies. The one exception is named with its reason.
DC_PUBLISHERS = ("dc.gov", "dccouncil.gov", "dccouncil.us", "ftc.gov", "usmarshals.gov")
DC_NOT_YET_PRIMARY = {
    # No District page for the RENTAL Act's TOPA waiting period was found (2026-12-05): a law firm's
    # summary until the Council's DC Code or OTA publishes one.
    "dc-topa-cooling-off",
}


def test_budget_coach_tips_cite_the_publisher_not_a_copy():
    tips = tomllib.loads((ROOT / "curricula/coaching/tips.toml").read_text(encoding="utf-8"))["tip"]
    cited = [tip["source_url"] for tip in tips]
    assert not [url for url in cited if MIRRORS.match(url)]
    # The CFPB toolkit the tips follow is cited on CFPB's own site.
    assert any(url.startswith("https://www.consumerfinance.gov/") for url in cited)


def test_money_goals_workshop_cites_cfpb_itself():
    text = (ROOT / "curricula/workshops/09_money_goals.md").read_text(encoding="utf-8")
    assert not MIRRORS.search(text)
    assert "https://www.consumerfinance.gov/consumer-tools/educator-tools/your-money-your-goals/" in text


def test_tenant_rights_sources_are_never_a_copy():
    """Every source a renter or a trainer is sent to: checklist items, rule rows, workshop modules."""
    cited = []
    for path in (ROOT / "curricula/tenant_rights").glob("*.toml"):
        cited += [
            (path.name, item["source_url"]) for item in tomllib.loads(path.read_text("utf-8")).get("item", [])
        ]
    rules = tomllib.loads((ROOT / "calculators/rules/tenancy.toml").read_text("utf-8"))
    cited += [
        ("tenancy.toml", row["source_url"])
        for rows in rules.values()
        if isinstance(rows, list)
        for row in rows
    ]
    for path in (ROOT / "curricula/workshops").glob("*.md"):
        cited += [(path.name, url) for url in re.findall(r"https?://[^\s\"')\]>]+", path.read_text("utf-8"))]
    assert len(cited) > 100
    assert [(name, url) for name, url in cited if MIRRORS.match(url)] == []


def test_dc_renters_are_sent_to_the_district_and_federal_publishers():
    from urllib.parse import urlparse

    items = tomllib.loads((ROOT / "curricula/tenant_rights/dc.toml").read_text("utf-8"))["item"]
    elsewhere = {
        item["id"]: item["source_url"]
        for item in items
        if not urlparse(item["source_url"]).hostname.endswith(DC_PUBLISHERS)
    }
    assert set(elsewhere) == DC_NOT_YET_PRIMARY, elsewhere


def test_no_page_uses_the_deprecated_use_container_width():
    files = [ROOT / "streamlit_app.py", *(ROOT / "app_pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")]
    offenders = [f.name for f in files if "use_container_width" in f.read_text(encoding="utf-8")]
    assert offenders == []


def test_every_date_box_shows_dates_in_the_readers_order():
    """A date box without format= shows 2026/12/05 in both languages; ui.widget_text.date_format is the rule."""
    import ast

    files = [ROOT / "streamlit_app.py", *(ROOT / "app_pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")]
    offenders = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "date_input":
                fmt = next((k.value for k in node.keywords if k.arg == "format"), None)
                if not (isinstance(fmt, ast.Call) and getattr(fmt.func, "id", "") == "date_format"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_every_choice_box_says_its_empty_state_in_the_readers_language():
    """Streamlit's own "Choose an option" / "Choose options" / "No options to select" are English only.

    A select box shows its placeholder whenever it holds no value: index=None, a value set to None
    through Session State (intake's unanswered questions), or an empty list of options; a multiselect
    whenever nothing is chosen. So every one is given a placeholder through _().
    """
    import ast

    files = [ROOT / "streamlit_app.py", *(ROOT / "app_pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")]
    offenders = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("selectbox", "multiselect"):
                given = next((k.value for k in node.keywords if k.arg == "placeholder"), None)
                if not (isinstance(given, ast.Call) and getattr(given.func, "id", "") == "_"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_the_drop_down_lists_own_words_are_drawn_in_spanish(monkeypatch):
    import i18n
    from ui import widget_text

    monkeypatch.setattr(widget_text, "_", lambda message: i18n.gettext(message, "es"))
    css = widget_text.spanish_style()
    assert 'content: "No hay resultados"' in css
    assert 'content: "Elegir todas"' in css
    assert 'content: "Elegir todas las que coinciden"' in css
    assert "No results" not in css and "Select all" not in css
    assert widget_text._css_string('say "hi" \\ bye') == '"say \\"hi\\" \\\\ bye"'


def test_readme_picture_is_the_one_the_browser_test_takes_once_everything_is_drawn():
    """The README's first picture exists, and carries the stamp that only the browser test writes,
    after it has seen every field, the answer and no grey placeholder (tests/e2e/test_shell_e2e.py)."""
    from PIL import Image

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme)
    assert pictures and pictures[0] == "docs/affordability.png"
    for picture in [p for p in pictures if not p.startswith("http")]:
        assert (ROOT / picture).is_file(), picture
    shot_test = (ROOT / "tests/e2e/test_shell_e2e.py").read_text(encoding="utf-8")
    assert 'DOCS / "affordability.png"' in shot_test
    assert "def test_first_page_screenshot_for_the_readme(" in shot_test
    with Image.open(ROOT / pictures[0]) as image:
        assert image.format == "PNG"
        assert image.text.get("Camino-Screenshot") == (
            "tests/e2e/test_shell_e2e.py::test_first_page_screenshot_for_the_readme"
        )
        assert image.width == 1280  # the browser tests' window
