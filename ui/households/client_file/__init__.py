"""The client file (pages/household.py): its summary, and each tab in its own module; state.py holds what they share."""
