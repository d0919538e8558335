"""Pure finance for housing counseling: no Streamlit, no database, no network."""


class InputError(ValueError):
    """Bad calculator input, with a stable `code` the UI translates and the `field` it belongs to."""

    def __init__(self, code: str, field: str | None = None, detail: str = ""):
        self.code = code
        self.field = field
        self.detail = detail
        super().__init__(f"{code}" + (f" ({field})" if field else "") + (f": {detail}" if detail else ""))


def check_keys(data: dict, allowed: set[str] | frozenset[str], required: tuple[str, ...] = ()) -> None:
    """Reject unknown keys and missing required keys, so a typo never silently becomes a default."""
    if not isinstance(data, dict):
        raise InputError("not_a_mapping")
    for key in data:
        if key not in allowed:
            raise InputError("unknown_field", key)
    for key in required:
        if data.get(key) is None:
            raise InputError("missing_field", key)


def number(data: dict, key: str, default=None, *, minimum: float | None = 0.0, maximum: float | None = None):
    """Read a finite number from `data`, raising InputError with the field name when it is not one."""
    import math

    value = data.get(key)
    if value is None:  # a key sent as None (an empty form field) means "use the default"
        value = default
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise InputError("not_a_number", key) from None
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        raise InputError("not_a_number", key)
    if minimum is not None and value < minimum:
        raise InputError("negative_amount" if minimum == 0 else "out_of_range", key)
    if maximum is not None and value > maximum:
        raise InputError("out_of_range", key)
    return value
