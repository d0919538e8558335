"""The client file (app_pages/household.py): its summary, and each tab in its own module; state.py holds what they share."""
