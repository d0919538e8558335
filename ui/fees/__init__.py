"""The fees and funding page, and the 'who pays' fields that the session and workshop forms share."""
