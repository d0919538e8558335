"""The My account page's own panels: setting up and confirming the second factor."""
