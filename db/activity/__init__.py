"""What happens on a client file over time: sessions, milestones, the action plan, referrals,
the timeline, follow-up lists, and closing or reopening the file.

Every function checks office scope through db.scope and audits in the same transaction. Callers use
`from db import activity` and `activity.add_session(...)`; the modules here hold one area each.
"""

from db.activity.checks import MAX_SESSION_MINUTES, MEASURE_OF, PLAN_ACTIONS, REFERRAL_STATUS
from db.activity.closing import (
    close,
    follow_ups_due,
    no_contact,
    open_follow_up_counts,
    reopen,
    set_follow_up,
)
from db.activity.plans import (
    ListConflict,
    add_goal,
    add_referral,
    add_step,
    plan_for,
    referrals_for,
    remove_goal,
    save_plan,
    set_referral_status,
    set_step_status,
)
from db.activity.sessions import add_milestone, add_session, milestones_for, remove_milestone, sessions_for
from db.activity.timeline import progress_series, timeline

__all__ = [
    "ListConflict",
    "MAX_SESSION_MINUTES",
    "MEASURE_OF",
    "PLAN_ACTIONS",
    "REFERRAL_STATUS",
    "add_goal",
    "add_milestone",
    "add_referral",
    "add_session",
    "add_step",
    "close",
    "follow_ups_due",
    "milestones_for",
    "no_contact",
    "open_follow_up_counts",
    "plan_for",
    "progress_series",
    "referrals_for",
    "remove_goal",
    "remove_milestone",
    "reopen",
    "save_plan",
    "sessions_for",
    "set_follow_up",
    "set_referral_status",
    "set_step_status",
    "timeline",
]
