"""Rows saved before the typed scenario schemas (version 0): the only place their old keys are read."""

from __future__ import annotations

from db.scenario_schemas import ANSWERS, CODE, LOAN_TYPES


def _first(data: dict, keys):
    for key in keys:
        value = data.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
    return None


def _legacy_ids(items) -> list[str]:
    """Codes from a legacy list; free text (a bilingual dict, a sentence) has no code and is dropped."""
    out = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            item = item.get("id") or item.get("program") or item.get("code")
        if isinstance(item, str) and CODE.match(item):
            out.append(item)
    return out


def upgrade_legacy(kind: str, inputs: dict, summary: dict) -> tuple[dict, dict]:
    """A version-0 row's inputs and summary in the version-1 shape (the only place legacy keys are read)."""
    if kind == "affordability":
        monthly = _first(summary, ("monthly_total", "monthly_payment", "total_monthly"))
        if monthly is None and isinstance(summary.get("monthly"), dict):
            monthly = _first(summary["monthly"], ("total",))
        loan = summary.get("loan_type") or inputs.get("loan_type")
        new = {
            "mode": summary.get("mode") if isinstance(summary.get("mode"), str) else "afford",
            "price": _first(summary, ("price", "target_price", "max_price")),
            "monthly_total": monthly,
            "down_payment": _first(summary, ("down_payment",)),
            "cash_to_close": _first(summary, ("cash_to_close",)),
            "loan_type": loan if loan in LOAN_TYPES else None,
            "front_dti": _first(summary, ("front_dti",)),
            "back_dti": _first(summary, ("back_dti",)),
            "eligible": summary.get("eligible") if isinstance(summary.get("eligible"), bool) else None,
            "binding_constraint": summary.get("binding_constraint")
            if isinstance(summary.get("binding_constraint"), str)
            else None,
            "gross_monthly_income": _first(inputs, ("gross_monthly_income",)),
            "monthly_debts": _first(inputs, ("monthly_debts",)),
            "cash_available": _first(inputs, ("cash_available",)),
        }
        return {}, new
    if kind == "assistance":
        raw = next(
            (
                summary[k]
                for k in ("eligible", "programs", "eligible_programs", "results")
                if isinstance(summary.get(k), list)
            ),
            [],
        )
        programs = []
        for item in raw:
            if isinstance(item, dict) and item.get("eligible", True) is not False:
                code = item.get("program")
                if isinstance(code, str) and CODE.match(code):
                    programs.append({"program": code, "amount": _first(item, ("amount",))})
        household = inputs.get("household") if isinstance(inputs.get("household"), dict) else {}
        purchase = inputs.get("purchase") if isinstance(inputs.get("purchase"), dict) else {}
        size = _first(household, ("household_size",))
        new = {
            "programs": programs,
            "combined_programs": _legacy_ids(summary.get("combined_programs")),
            "total_assistance": _first(summary, ("total_assistance",)),
            "jurisdiction": household.get("jurisdiction")
            if isinstance(household.get("jurisdiction"), str)
            else None,
            "household_size": size if size and size >= 1 else None,
            "annual_household_income": _first(household, ("annual_household_income",)),
            "liquid_assets": _first(household, ("liquid_assets",)),
            "price": _first(purchase, ("price",)),
        }
        return {}, new
    if kind == "budget":
        categories = summary.get("categories") if isinstance(summary.get("categories"), dict) else {}
        new = {
            "monthly_income": _first(summary, ("monthly_income", "income", "total_income")),
            "monthly_spending": _first(
                summary, ("monthly_spending", "spending", "total_spending", "total_expenses")
            ),
            "left_over": _first(summary, ("left_over", "leftover", "surplus")),
            "monthly_debt_payments": _first(summary, ("monthly_debt_payments", "debt_payments")),
            "total_debt": _first(summary, ("total_debt",)),
            "savings": _first(summary, ("savings", "total_savings")),
            "emergency_fund_months": _first(summary, ("emergency_fund_months",)),
            "credit_score": _first(summary, ("credit_score",)),
            "categories": {
                k: v
                for k, v in categories.items()
                if isinstance(k, str)
                and CODE.match(k)
                and isinstance(v, (int, float))
                and not isinstance(v, bool)
            },
        }
        for key in ("monthly_income", "monthly_spending", "total_debt", "savings", "monthly_debt_payments"):
            if new[key] is not None and new[key] < 0:
                new[key] = None
        tables = {k: inputs[k] for k in ("income", "spending", "debts") if isinstance(inputs.get(k), list)}
        return {"tables": tables}, new
    if kind == "tenant_checklist":
        answers = inputs.get("answers") if isinstance(inputs.get("answers"), dict) else {}
        new_inputs = {
            "place": inputs.get("place") if isinstance(inputs.get("place"), str) else None,
            "topic": inputs.get("topic") if isinstance(inputs.get("topic"), str) else None,
            "answers": {
                k: v for k, v in answers.items() if isinstance(k, str) and CODE.match(k) and v in ANSWERS
            },
        }
        new = {
            "red_flags": _legacy_ids(summary.get("red_flags")),
            "to_check": _legacy_ids(summary.get("to_check")),
            "as_of": summary.get("as_of") if isinstance(summary.get("as_of"), str) else None,
        }
        return new_inputs, new
    return inputs, summary
