"""The Program rules page: every dated rule table, the agency's own rows, and figures about to roll over."""
