"""The action plan's sections, in the order HUD's guide gives them, each drawn in the copy's language."""

from __future__ import annotations

from i18n import N_
from i18n.labels import MILESTONE_LABELS, STEP_STATUS_LABELS
from reports.action_plan import scenarios
from reports.action_plan.layout import FAMILY, GREEN, NAME_LIMIT, PlanLayout

OWNER_LABELS = {"client": N_("You"), "counselor": N_("Your counselor")}  # the plan speaks to the client
STATUS_LABELS = STEP_STATUS_LABELS  # the name ui/ imports
LOAN_LABELS = scenarios.LOAN_LABELS  # the names ui/ imports
CATEGORY_LABELS = scenarios.CATEGORY_LABELS


class PlanWriter(PlanLayout):
    """Writes one language's copy of a plan into a shared Document."""

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
        view = scenarios.budget_view(scenarios.scenario_of(self.plan, "budget"), self.lang)
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
    def home_buying(self) -> None:
        _ = self.doc.t
        home = scenarios.scenario_of(self.plan, "affordability")
        programs = scenarios.program_rows(scenarios.scenario_of(self.plan, "assistance"), self.lang)
        self.section(_("Buying a home"), 2)
        pairs = []
        if home is not None:
            pairs = [
                (label, self.money(value)) for label, value in scenarios.home_figures(home, self.lang)
            ]
            if home.loan_type:
                pairs.append((_("Type of loan"), scenarios.loan_label(home.loan_type, self.lang)))
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
        lines = scenarios.tenant_lines(
            scenarios.scenario_of(self.plan, "tenant_checklist"), self.lang
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
