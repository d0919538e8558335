"""One family, one session: the open client file feeds every calculator and comes back to it (issue #21)."""
