"""The printed action plan a household keeps (24 CFR 214.300; HUD FAQ 2519: a copy goes to the client).

`build_pdf(plan)` is pure over the dict from reports.plan_data.load_plan, in Spanish, English or both.
HUD's Client Action Plan Guide (https://www.hudexchange.info/programs/housing-counseling/client-action-plan-guide/)
asks for goals, steps with who does each and when, the budget behind them, and referrals.

Command line:
    python -m reports.action_plan --household 12 --lang es --out plan.pdf
    python -m reports.action_plan --demo --out demo.pdf      # a fictional household on a temporary database
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import unicodedata

from fpdf.enums import TableBordersLayout, TableHeadingsDisplay
from fpdf.fonts import FontFace
from fpdf.util import Padding

import i18n
from i18n import N_
from i18n.labels import MILESTONE_LABELS, STEP_STATUS_LABELS
from reports import plan_scenarios
from reports.charts import bar_chart_png
from reports.pdf import FAMILY, Document

GREEN = (11, 110, 79)
PALE_GREEN = (230, 242, 236)
GREY = (90, 90, 90)
CELL_LIMIT = 500  # characters per table cell: a step or referral is a few lines, not a letter
NAME_LIMIT = 200
MISSING_GLYPH = "\u25a1"  # a visible box where the font has no letter, instead of a silent gap
LANGS = ("es", "en", "both")
BOLD = FontFace(emphasis="BOLD")
HEADINGS_STYLE = FontFace(emphasis="BOLD", fill_color=PALE_GREEN)
TABLE_PADDING = Padding.new(1.2)
FIGURE_PADDING = Padding.new((0.6, 1, 0.6, 0))  # no left padding: figures line up with the text
FIGURE_WIDTHS = (55, 45)

OWNER_LABELS = {"client": N_("You"), "counselor": N_("Your counselor")}  # the plan speaks to the client
STATUS_LABELS = STEP_STATUS_LABELS  # the name ui/action_plan_view.py imports
LOAN_LABELS = plan_scenarios.LOAN_LABELS  # the names ui/action_plan_view.py imports
CATEGORY_LABELS = plan_scenarios.CATEGORY_LABELS


def _words(code: str) -> str:
    return str(code).replace("_", " ").strip().capitalize()


# --- drawing --------------------------------------------------------------------------------------


class PlanWriter:
    """Writes one language's copy of a plan into a shared Document."""

    def __init__(self, doc: Document, plan: dict, lang: str):
        self.doc = doc
        self.plan = plan
        self.lang = lang
        self.glyphs = set(doc.fonts[FAMILY.lower()].cmap)

    # Text cleaning: any name or note must print, never crash the document.
    def clean(self, text, limit: int | None = None) -> str:
        text = unicodedata.normalize("NFC", "" if text is None else str(text))
        out = []
        for ch in text:
            if ch in "\n\t":
                out.append(ch if ch == "\n" else " ")
            elif unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn", "Cf"):
                continue
            elif ord(ch) in self.glyphs or ch == " ":
                out.append(ch)
            else:
                out.append(MISSING_GLYPH)
        text = "".join(out).strip()
        if limit and len(text) > limit:
            text = text[: limit - 1].rstrip() + "…"
        return text

    def money(self, value) -> str:
        return i18n.format_money(value, self.lang, cents=False)

    def date(self, value) -> str:
        return i18n.format_date(value, self.lang) if value else ""

    def label(self, table: dict, code) -> str:
        return self.doc.t(table[code]) if code in table else self.clean(_words(code or ""))

    def section(self, title: str, level: int = 2) -> None:
        """A heading that never sits alone at the foot of a page: it moves to the next page with its text."""
        doc = self.doc
        if doc.get_y() + doc.base_size * 2.6 > doc.page_break_trigger:
            doc.add_page()
        doc.heading(title, level)

    def empty(self, text: str) -> None:
        self.doc.set_text_color(*GREY)
        self.doc.paragraph(text)
        self.doc.set_text_color(0, 0, 0)

    def bullets(self, items: list[str]) -> None:
        doc = self.doc
        h = doc.base_size * 0.5
        for item in items:
            doc.set_font(FAMILY, size=doc.base_size)
            doc.cell(6, h, "•")  # what multi_cell(6, h, "•", new_x="RIGHT", new_y="TOP") draws
            if doc.fits_one_line(item):
                doc.cell(0, h, item, new_x="LMARGIN", new_y="NEXT")
            else:
                doc.multi_cell(0, h, item, align="L", new_x="LMARGIN", new_y="NEXT")
            doc.ln(0.8)
        doc.ln(1)

    def fit_rows(
        self, rows: list[list[str]], widths: tuple, padding: Padding, headings=(), bold_columns=()
    ) -> list[list[str]]:
        """The rows with every cell short enough for its row to fit on one page under the headings.

        fpdf2's table keeps a row whole and raises when one is taller than a page (a very long note, a
        run of line breaks, very wide letters in large print). Any two lines in a row of wrapped text are
        together wider than the column, so text W wide takes at most 2·W/column + 1 lines a paragraph:
        only a cell that could take too many is broken into lines by fpdf2 (a dry run) and, if it really
        does, cut there with an ellipsis.
        """
        doc = self.doc
        size, line = doc.font_size_pt, doc.base_size * 0.5
        cols = [doc.epw * w / sum(widths) for w in widths]
        # The text area of each column, less a letter for the space dropped where a line breaks.
        areas = [col - padding.left - padding.right - 2 * doc.c_margin - doc.font_size for col in cols]

        def most_lines(text: str, j: int, bold: bool) -> float:
            doc.set_font(FAMILY, "B" if bold else "", size)
            return 2 * doc.get_string_width(text) / areas[j] + text.count("\n") + 1

        heading_lines = max((most_lines(text, j, True) for j, text in enumerate(headings)), default=0)
        room = doc.page_break_trigger - doc.body_top - 2 * (padding.top + padding.bottom)
        max_lines = max(2, int(room / line - heading_lines))
        fitted = []
        for row in rows:
            cells = []
            for j, text in enumerate(row):
                if most_lines(text, j, j in bold_columns) > max_lines:
                    lines = doc.multi_cell(cols[j], line, text, padding=padding, dry_run=True, output="LINES")
                    if len(lines) > max_lines:
                        text = "\n".join([*lines[: max_lines - 1], "…"])
                cells.append(text)
            fitted.append(cells)
        doc.set_font(FAMILY, size=size)
        return fitted

    def table(self, headings: list[str], rows: list[list[str]], widths: tuple) -> None:
        """fpdf2's table: headings on a pale fill, repeated after a page break; lines between rows;
        text in the middle of its row; a row never split across pages."""
        doc = self.doc
        doc.set_font(FAMILY, size=doc.base_size - 0.5)
        rows = [[self.clean(text, CELL_LIMIT) for text in row] for row in rows]
        with doc.table(
            col_widths=widths,
            text_align="LEFT",
            v_align="MIDDLE",
            line_height=doc.base_size * 0.5,
            headings_style=HEADINGS_STYLE,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            padding=TABLE_PADDING,
            repeat_headings=TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE,
        ) as table:
            table.row(headings)
            for row in self.fit_rows(rows, widths, TABLE_PADDING, headings):
                table.row(row)
        doc.set_font(FAMILY, size=doc.base_size)
        doc.ln(2)

    def figures(self, pairs: list[tuple[str, str]]) -> None:
        """Label / value lines, value in bold, for a few key numbers (a borderless table wraps safely)."""
        doc = self.doc
        if not pairs:
            return
        doc.set_font(FAMILY, size=doc.base_size)
        rows = self.fit_rows([list(pair) for pair in pairs], FIGURE_WIDTHS, FIGURE_PADDING, bold_columns=(1,))
        with doc.table(
            col_widths=FIGURE_WIDTHS,
            text_align="LEFT",
            v_align="MIDDLE",
            line_height=doc.base_size * 0.5,
            first_row_as_headings=False,
            borders_layout=TableBordersLayout.NONE,
            padding=FIGURE_PADDING,
        ) as table:
            for label, value in rows:
                row = table.row()
                row.cell(label)
                row.cell(value, style=BOLD)
        doc.ln(2)

    # Sections, in the order HUD's guide gives them.
    def write(self) -> None:
        for section in (
            self.title_block,
            self.goals,
            self.steps,
            self.budget,
            self.home_buying,
            self.renting,
            self.milestones,
            self.referrals,
            self.follow_up,
            self.signatures,
        ):
            section()

    def title_block(self) -> None:
        doc, plan, _ = self.doc, self.plan, self.doc.t
        household = plan.get("household", {})
        agency = plan.get("agency", {})
        counselor = plan.get("counselor", {})
        doc.set_text_color(*GREEN)
        doc.heading(_("Your action plan"), 1)
        doc.set_text_color(0, 0, 0)
        doc.heading(self.clean(household.get("name"), NAME_LIMIT) or _("Household"), 2)
        pairs = [(_("Date"), self.date(plan.get("date")))]
        if agency.get("name"):
            pairs.append((_("Agency"), self.clean(agency["name"], NAME_LIMIT)))
        contact = ", ".join(
            self.clean(agency.get(k), NAME_LIMIT) for k in ("address", "phone") if agency.get(k)
        )
        if contact:
            pairs.append((_("Address and phone"), contact))
        pairs.append((_("Housing counselor"), self.clean(counselor.get("name"), NAME_LIMIT) or "—"))
        pairs.append((_("HUD counselor ID"), self.clean(counselor.get("hud_id"), 40) or "—"))
        self.figures(pairs)
        doc.small(
            _(
                "We wrote this plan together. It says what you will do, what your counselor will do, "
                "and by when. Keep it in a safe place and bring it to your next visit."
            )
        )
        doc.ln(2)
        if (plan.get("summary") or "").strip():
            self.section(_("Your situation"), 2)
            doc.paragraph(self.clean(plan["summary"]))

    def goals(self) -> None:
        _ = self.doc.t
        self.section(_("Your goals"), 2)
        goals = [self.clean(g) for g in self.plan.get("goals") or []]
        goals = [g for g in goals if g]
        if goals:
            self.bullets(goals)
        else:
            self.empty(_("No goals written yet. We will set them together at your next visit."))

    def steps(self) -> None:
        _ = self.doc.t
        self.section(_("Steps: who does what, and by when"), 2)
        steps = self.plan.get("steps") or []
        if not steps:
            self.empty(_("No steps written yet."))
            return
        rows = [
            [
                step.get("text") or "",
                self.label(OWNER_LABELS, step.get("owner")),
                self.date(step.get("due_date")) or _("No date"),
                self.label(STEP_STATUS_LABELS, step.get("status")),
            ]
            for step in steps
        ]
        self.table([_("Step"), _("Who"), _("By when"), _("Status")], rows, (52, 18, 20, 12))

    def budget(self) -> None:
        _ = self.doc.t
        self.section(_("Your monthly budget"), 2)
        view = plan_scenarios.budget_view(plan_scenarios.scenario_of(self.plan, "budget"), self.lang)
        if view is None:
            self.empty(_("No budget yet. We will build one together."))
            return
        self.figures([(label, self.money(amount)) for label, amount in view.figures])
        if view.left_over is not None and view.left_over < 0:
            self.doc.paragraph(
                _("Right now more money goes out than comes in. Your steps above aim to fix that.")
            )
        bars = list(view.bars)
        left_label = _("What is left each month")
        if bars and view.left_over is not None and view.left_over > 0:
            bars.append((left_label, view.left_over))
        if bars:
            self.chart(bars, _("Where your money goes each month"), left_label)

    def chart(self, bars, title: str, highlight: str) -> None:
        doc = self.doc
        try:
            png = bar_chart_png(bars, title=self.clean(title), highlight=highlight)
        except Exception:  # a chart is a help, never a reason to lose the plan
            return
        width = 130 if doc.base_size < 12 else 165
        doc.png(png, width)
        doc.ln(3)

    def home_buying(self) -> None:
        _ = self.doc.t
        home = plan_scenarios.scenario_of(self.plan, "affordability")
        programs = plan_scenarios.program_rows(plan_scenarios.scenario_of(self.plan, "assistance"), self.lang)
        self.section(_("Buying a home"), 2)
        pairs = []
        if home is not None:
            pairs = [
                (label, self.money(value)) for label, value in plan_scenarios.home_figures(home, self.lang)
            ]
            if home.loan_type:
                pairs.append((_("Type of loan"), plan_scenarios.loan_label(home.loan_type, self.lang)))
        if pairs:
            self.figures(pairs)
        else:
            self.empty(_("No home-buying estimate yet."))
        self.section(_("Help with the down payment that may apply"), 3)
        if programs:
            rows = [
                [name, self.money(amount) if amount else _("Ask the program")] for name, amount in programs
            ]
            self.table([_("Program"), _("Up to")], rows, (70, 30))
            self.doc.small(
                _("Each program decides who qualifies. Please verify amounts and rules with the program.")
            )
            self.doc.ln(1)
        else:
            self.empty(_("No programs checked yet."))

    def renting(self) -> None:
        _ = self.doc.t
        lines = plan_scenarios.tenant_lines(
            plan_scenarios.scenario_of(self.plan, "tenant_checklist"), self.lang
        )
        renter = self.plan.get("household", {}).get("housing_status") == "renter"
        if not (lines or renter):
            return
        self.section(_("Your home as a renter"), 2)
        if not lines:
            self.empty(_("No renter checklist yet."))
            return
        for flag, title in (("red", _("Warning signs we found")), ("check", _("Things to check"))):
            chosen = [line for line in lines if line.flag == flag]
            if not chosen:
                continue
            self.section(title, 3)
            for line in chosen:
                self.bullets([self.clean(line.question)])
                self.doc.small(_("What to do: {steps}").format(steps=self.clean(line.what_to_do)))
                if line.whom_to_call:
                    self.doc.small(
                        _("Whom to call: {contacts}").format(
                            contacts=self.clean("; ".join(line.whom_to_call))
                        )
                    )
                self.doc.ln(1)

    def milestones(self) -> None:
        _ = self.doc.t
        data = self.plan.get("milestones") or {}
        self.section(_("Your progress"), 2)
        reached = data.get("reached") or []
        if reached:
            self.section(_("Already done"), 3)
            self.bullets(
                [
                    _("{milestone} — {date}").format(
                        milestone=self.label(MILESTONE_LABELS, m.get("code")),
                        date=self.date(m.get("achieved_on")),
                    )
                    for m in reached
                ]
            )
        else:
            self.empty(_("Nothing recorded yet. Every step counts."))
        upcoming = data.get("next") or []
        if upcoming:
            self.section(_("Coming next"), 3)
            self.bullets([self.label(MILESTONE_LABELS, code) for code in upcoming])

    def referrals(self) -> None:
        _ = self.doc.t
        self.section(_("Other places that can help you"), 2)
        referrals = [r for r in self.plan.get("referrals") or [] if r.get("status") != "dropped"]
        if not referrals:
            self.empty(_("No referrals yet."))
            return
        rows = [
            [
                r.get("agency") or "",
                r.get("contact") or "",
                r.get("reason") or "",
                self.date(r.get("follow_up_on")) or "—",
            ]
            for r in referrals
        ]
        self.table(
            [_("Where"), _("How to reach them"), _("Why"), _("We check back on")], rows, (30, 30, 30, 18)
        )

    def follow_up(self) -> None:
        _ = self.doc.t
        self.section(_("Next follow-up"), 2)
        when = self.plan.get("next_follow_up")
        if when:
            self.doc.set_font(FAMILY, "B", self.doc.base_size + 1)
            self.doc.paragraph(self.date(when))
            self.doc.set_font(FAMILY, size=self.doc.base_size)
        else:
            self.empty(_("Your counselor will call you to set a date."))

    def signatures(self) -> None:
        doc, _ = self.doc, self.doc.t
        needed = doc.base_size * 3.5
        if doc.get_y() + needed > doc.h - doc.b_margin:
            doc.add_page()
        self.section(_("We agree to this plan"), 2)
        usable = doc.w - doc.l_margin - doc.r_margin
        for who in (_("Client signature"), _("Counselor signature")):
            doc.ln(doc.base_size * 0.9)
            y = doc.get_y()
            doc.line(doc.l_margin, y, doc.l_margin + usable * 0.62, y)
            doc.line(doc.l_margin + usable * 0.70, y, doc.l_margin + usable, y)
            doc.set_font(FAMILY, size=max(8, doc.base_size - 2))
            doc.cell(usable * 0.70, 5, who)
            doc.cell(0, 5, _("Date"), new_x="LMARGIN", new_y="NEXT")
            doc.set_font(FAMILY, size=doc.base_size)


def plan_languages(plan: dict, lang: str | None) -> list[str]:
    """The copies to print: the household's language by default; 'both' prints Spanish, then English."""
    if lang == "both":
        return ["es", "en"]
    if lang in ("es", "en"):
        return [lang]
    household_lang = (plan.get("household") or {}).get("language")
    return [household_lang if household_lang in ("es", "en") else "es"]


def build_pdf(plan: dict, lang: str | None = "es", large_print: bool = False) -> bytes:
    """The action plan as PDF bytes; 'both' puts the Spanish and the English copy in one file."""
    langs = plan_languages(plan, lang)
    agency = plan.get("agency") or {}
    header = " · ".join(x for x in (agency.get("name"), agency.get("office")) if x)
    doc = Document(langs[0], i18n.gettext("Your action plan", langs[0]), "", large_print)
    doc.header_text = PlanWriter(doc, plan, langs[0]).clean(header, NAME_LIMIT)
    for lang_code in langs:
        doc.add_page()  # each language's copy starts on its own page, under the agency's header
        doc.lang = lang_code  # the footer and doc.t follow the copy being written
        PlanWriter(doc, plan, lang_code).write()
    return doc.to_bytes()


def build_batch(
    engine, user: dict, household_ids, lang: str | None = None, large_print: bool = False, today=None
) -> list[tuple[int, bytes]]:
    """A program lead's print run: [(household id, PDF)], every plan read in one transaction, then printed.

    Reading (office-scoped, each household audited 'plan_printed') takes one query per table for the
    whole run; the fonts, chart images and chart cache are shared by every PDF of the process.
    """
    from reports.plan_data import load_plans

    plans = load_plans(engine, user, household_ids, action="plan_printed", today=today)
    return [(plan["household"]["id"], build_pdf(plan, lang, large_print)) for plan in plans]


# --- command line ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print a household's action plan as PDF.")
    parser.add_argument("--household", type=int, help="household id")
    parser.add_argument(
        "--lang", choices=LANGS, default=None, help="es, en or both (default: the household's)"
    )
    parser.add_argument("--large-print", action="store_true")
    parser.add_argument("--out", required=True, help="PDF file to write")
    parser.add_argument(
        "--demo", action="store_true", help="render a fictional household on a temporary database"
    )
    parser.add_argument("--user", default="", help="username printing the plan (default: an administrator)")
    args = parser.parse_args(argv)
    if not args.demo and args.household is None:
        parser.error("give --household ID or --demo")

    from reports.plan_data import demo_plan, plan_from_database

    if args.demo:
        plan = demo_plan()
    else:
        try:
            plan = plan_from_database(args.household, args.user)
        except LookupError as err:
            print(str(err), file=sys.stderr)
            return 2
    data = build_pdf(plan, args.lang, args.large_print)
    with open(args.out, "wb") as f:
        f.write(data)
    print(f"wrote {args.out} ({len(data)} bytes) on {dt.date.today().isoformat()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
