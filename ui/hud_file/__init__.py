"""HUD's client fields in the client file, and HUD's client-level file on the HUD-9902 page (issue 26)."""

from __future__ import annotations


def show_tab(hh: dict) -> None:
    from ui.hud_file.profile import show_tab as draw

    draw(hh)


def client_level(user: dict, fiscal_year: int, quarter: int, office_id: int | None) -> None:
    from ui.hud_file.export import client_level as draw

    draw(user, fiscal_year, quarter, office_id)


def banner(hh: dict) -> None:
    """At the top of the client file: the notices (agreement, disclosure, privacy) it still lacks."""
    from ui.hud_file.notices import banner as draw

    draw(hh)


def documents_tab(hh: dict) -> None:
    """The client file's Documents tab: pay stubs, IDs, letters and credit reports."""
    from ui.hud_file.documents import show_tab as draw

    draw(hh)


def certification_missing(user: dict) -> None:
    """On the HUD-9902 page: the counselors whose HUD certification is not on file."""
    from ui.hud_file.certification import missing_list as draw

    draw(user)
