"""A choice kept in the link survives a press that reaches the server before the control reported its value."""

from __future__ import annotations

import pytest

from tests.app.conftest import app_test

PAGE = "app_pages/affordability.py"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_mode_sent_empty_keeps_the_one_in_the_link(lang):
    at = app_test(PAGE, lang=lang, query={"mode": "home"})
    assert at.segmented_control(key="mode").value == "home"
    # Chromium sent this on an early press (the costs panel opened while the page was still drawing): the
    # old code took the default mode, switched the screen to "What can we afford?" and dropped mode=home.
    at.segmented_control(key="mode").set_value(None).run()
    assert not at.exception
    assert at.segmented_control(key="mode").value == "home"
    assert at.query_params["mode"] in ("home", ["home"])


def test_a_choice_the_link_does_not_hold_falls_back_to_the_default():
    at = app_test(PAGE, query={"mode": "no-such-mode"})
    assert at.segmented_control(key="mode").value == "afford"
