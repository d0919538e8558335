"""HUD-9902 quarterly report: the form's shape (form), the SQL counts (counting, funding), the files (writers).

`python -m reports.hud9902` writes it from the command line (__main__).
"""
