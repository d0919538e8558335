"""Program-lead dashboard figures, aggregated by the database: funnel, time in stage, stuck files, outcomes,
caseloads, and the household ids behind any number (for click-through).

Scope: every query starts from db.scope.households_visible_to(user) (admins: all offices, leads: their
office); a counselor sees only their own caseload. Filters (all optional) narrow it further by office,
counselor, jurisdiction, preferred language, and intake quarter: `quarter=(fiscal_year, q)` keeps the
households *opened* in that fiscal quarter (1 Oct - 31 Dec is Q1), i.e. one intake cohort followed
through the funnel. Open and closed files are both counted (a purchase often closes the file);
"stuck", caseloads and follow-ups look at open files only.

Definitions:
* Funnel: households whose current stage is each of db.codes.STAGES; "reached" counts those at that
  stage or beyond (a running sum in SQL); conversion = reached(stage) / reached(previous stage).
* Days in stage: a stage starts on the day its milestones were all first recorded (intake: the day the
  file was opened) and ends when the next stage reached starts, else on the closing day, else today.
  Those days are kept on the household row (reached_<stage>_on, written by db.households.refresh_stage
  with every milestone change). Medians are computed in SQL from counts per distinct value and their
  running totals (SQLite has no percentile_cont).
* Stuck: open files not yet purchased whose current stage began more than 90 days ago.
* Outcomes: purchases (households with a "purchased" milestone), down-payment assistance dollars
  leveraged (sum of the "dpa_approved" milestone values), median savings growth and median credit-score
  change per household (last recorded value minus first, households with two or more values; kept on
  the household row as savings_change and credit_change), and the
  number of households reaching each asset milestone.

Nothing here loads rows into pandas; Python only reshapes the handful of grouped rows. Callers use
`from db import pipeline`; filters, figures and the households behind them are modules here.
"""

from db.pipeline.behind import data_version, household_rows, households_behind
from db.pipeline.figures import breakdown, caseloads, funnel, median_days_in_stage, outcomes, stuck_count
from db.pipeline.filters import (
    DIMENSIONS,
    MAX_IDS,
    METRICS,
    READ_ACTIONS,
    STUCK_DAYS,
    Filters,
    fiscal_quarter,
    quarter_bounds,
)

__all__ = [
    "DIMENSIONS",
    "Filters",
    "MAX_IDS",
    "METRICS",
    "READ_ACTIONS",
    "STUCK_DAYS",
    "breakdown",
    "caseloads",
    "data_version",
    "fiscal_quarter",
    "funnel",
    "household_rows",
    "households_behind",
    "median_days_in_stage",
    "outcomes",
    "quarter_bounds",
    "stuck_count",
]
