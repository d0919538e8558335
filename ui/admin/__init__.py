"""The users and offices page's admin panels: a lost second factor reset, and which offices a program lead reports on."""
