"""Workshops: pick a module and a language, step through its slides, open the linked calculators.

Open to everyone (logged out too); it shows no client data, so it is safe on a projector.
"""

from ui.workshops.workshop import workshop_screen

workshop_screen()
