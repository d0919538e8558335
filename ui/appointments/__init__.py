"""The appointments page's Streamlit parts: calendar views, booking, actions on one appointment, lists."""
