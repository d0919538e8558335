"""Streamlit-only helpers: the shared ones (language, auth guard, field errors, engine) at this level, one package per page below it."""
