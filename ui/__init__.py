"""Streamlit-only helpers shared by pages: language, auth guard, formatted values, field errors."""
