"""The menu's pages are built once per session for each role and language, not on every rerun.

Driven through a small script: after its first run AppTest reruns a file page without the entry point.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def menu_script():
    import streamlit as st

    from ui.menu_cache import cached_menu

    def build(user):
        st.session_state["builds"] = st.session_state.get("builds", 0) + 1
        return {"section": [st.session_state["builds"]]}

    st.text(str(cached_menu(st.session_state.get("user"), build)["section"][0]))


def builds(at) -> int:
    assert not at.exception, [e.value for e in at.exception]
    return at.session_state["builds"]


def test_reruns_reuse_the_menu_until_role_or_language_changes(agency):
    at = AppTest.from_function(menu_script, default_timeout=30)
    at.session_state["lang"] = "en"
    at.session_state["user"] = dict(agency["users"]["counselor"])
    at.run()
    at.run()
    at.run()
    assert builds(at) == 1
    at.session_state["lang"] = "es"
    at.run()
    assert builds(at) == 2
    at.session_state["user"] = dict(agency["users"]["lead"])
    at.run()
    assert builds(at) == 3
    at.session_state["user"] = dict(agency["users"]["lead"], name="Someone else")  # same role
    at.run()
    assert builds(at) == 3
    at.session_state["user"] = None
    at.run()
    at.run()
    assert builds(at) == 4
    assert at.text[0].value == "4"
