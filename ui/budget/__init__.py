"""The budget coach: editable tables, the plan and its panels, debts, money sent home, charts."""
