"""Can a household afford a home? `analyze` judges one price; `max_price` finds the highest one.

Implements the calculators.affordability contract (CONTRACTS.md): the monthly cost in five parts, both
debt-to-income ratios, cash to close, eligibility issues and every default used with its source.
Figures come from rules/loans.toml and rules/property.toml; nothing is rounded here.

Modules: inputs (keys, checks, the rule defaults), terms (a scenario resolved against the rules), price
(`analyze`: one price), max_price (`max_price`: the highest price), levers (what would change it).
"""
