"""The printed action plan: its data (data, demo), its words (scenarios), its drawing (layout, sections, build)."""
