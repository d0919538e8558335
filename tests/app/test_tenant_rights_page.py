"""Tenant-rights page through the real entry point: checklist, red flags, calculators, saving, in both languages."""

from __future__ import annotations

import pytest

from curricula import tenant_rights
from tests.app.conftest import app_test, visible_text
from ui.tenant_rights import view

PAGE = "app_pages/tenant_rights.py"
TOPIC_OF = {item["id"]: item["topic"] for item in tenant_rights.all_items()}


def open_page(lang="es", **kwargs):
    at = app_test(PAGE, lang=lang, **kwargs)
    assert not at.exception, [e.value for e in at.exception]
    return at


def question_keys(at) -> list[str]:
    """The keys of the checklist questions drawn in the last run (the handout language is not one)."""
    return [q.key for q in at.segmented_control if (q.key or "").startswith("tr_answer_")]


def show_topic(at, topic):
    at.selectbox(key="tr_topic").set_value(topic).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def answer(at, item_id, value):
    """Answer a question as a counselor does: pick its topic when another is in view, then press the answer.
    Its callback reruns only the summary fragment: the browser keeps the rest of the page, but AppTest's
    tree then holds only what that run sent, so the page is run once more to see it all."""
    if f"tr_answer_{item_id}" not in question_keys(at):
        show_topic(at, TOPIC_OF[item_id])
    at.segmented_control(key=f"tr_answer_{item_id}").set_value(value).run()
    assert not at.exception, [e.value for e in at.exception]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_spanish_page_shows_notice_checklist_and_calculators(agency):
    at = open_page("es")
    text = visible_text(at)
    assert at.title[0].value == "Derechos del inquilino"
    assert "Información general, no es consejo legal. Contenido revisado el 5 de diciembre de 2026." in text
    # the checklist opens on its first topic
    assert "¿El dueño le dio la Carta de Derechos del Inquilino de DC antes de firmar?" in text
    assert "¿Su depósito de seguridad es de un mes de renta o menos?" not in text
    assert "Conteste las preguntas de arriba para ver su resumen." in text
    assert "Límite del depósito" in text and "Fechas de TOPA" in text
    # the yes / no / not sure options are in Spanish
    assert at.segmented_control(key="tr_answer_dc-sign-bill-of-rights").options == ["Sí", "No", "No sé"]
    assert "What to do" not in text and "Summary" not in text and "Topic" not in text


@pytest.mark.parametrize(
    ("lang", "step", "next_label", "third_label"),
    [
        (
            "en",
            "Topic 1 of 10. Answers to the other topics are kept.",
            "Next topic: Move-in inspection",
            "Next topic: Security deposit",
        ),
        (
            "es",
            "Tema 1 de 10. Las respuestas de los otros temas no se pierden.",
            "Siguiente tema: Revisión al mudarse",
            "Siguiente tema: Depósito de seguridad",
        ),
    ],
)
def test_checklist_walks_one_topic_at_a_time(agency, lang, step, next_label, third_label):
    """A few questions at a time (a place has 15-25): the first topic, then the next, by a button."""
    at = open_page(lang)
    assert {TOPIC_OF[k.removeprefix("tr_answer_")] for k in question_keys(at)} == {"before_signing"}
    assert step in visible_text(at)
    assert at.button(key="tr_next_topic").label == next_label
    at.button(key="tr_next_topic").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="tr_topic").value == "move_in"
    assert at.query_params["tr_topic"] == "move_in"  # a link opens the same topic
    assert {TOPIC_OF[k.removeprefix("tr_answer_")] for k in question_keys(at)} == {"move_in"}
    assert at.button(key="tr_next_topic").label == third_label


@pytest.mark.parametrize(
    ("lang", "dc", "question"),
    [
        ("en", "District of Columbia", "Is your security deposit two months' rent or less?"),
        ("es", "Distrito de Columbia", "¿Su depósito de seguridad es de dos meses de renta o menos?"),
    ],
)
def test_a_place_is_one_press_and_keeps_the_topic_in_view(agency, lang, dc, question):
    at = open_page(lang, query={"tr_topic": "security_deposit"})
    places = at.pills(key="tr_place")
    assert places.options[0] == dc and len(places.options) == 5  # every place in sight, in the language
    places.set_value("virginia").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["tr_place"] == "virginia"
    assert at.selectbox(key="tr_topic").value == "security_deposit"  # the topic in view stays
    assert question in visible_text(at)


def test_all_topics_is_the_last_choice_and_draws_every_question(agency):
    at = open_page("en", query={"tr_place": "virginia"})
    assert at.selectbox(key="tr_topic").options[-1] == "All topics"
    show_topic(at, "language_access")  # the last topic: no next one
    assert not [b for b in at.button if b.key == "tr_next_topic"]
    show_topic(at, view.ALL_TOPICS)
    assert len(question_keys(at)) == len(tenant_rights.checklist_for("virginia"))
    assert "Topic 1 of" not in visible_text(at) and not [b for b in at.button if b.key == "tr_next_topic"]


def test_answers_are_kept_when_the_topic_changes(agency):
    """Streamlit forgets a question once it is not drawn; the answer is kept and shown again."""
    at = open_page("en")
    answer(at, "dc-deposit-cap", "no")
    show_topic(at, "repairs")
    assert "tr_answer_dc-deposit-cap" not in question_keys(at)
    assert "1 warning sign. Here is what to do." in visible_text(at)  # the summary covers every topic
    show_topic(at, "security_deposit")
    assert at.segmented_control(key="tr_answer_dc-deposit-cap").value == "no"


@pytest.mark.parametrize(
    ("topic", "answers", "covered"),
    [
        ("repairs", {}, ("repairs",)),
        (
            "repairs",
            {"dc-lockout": "yes", "dc-deposit-cap": "no"},
            ("security_deposit", "repairs", "lockout_utilities"),
        ),
        (view.ALL_TOPICS, {"dc-lockout": "yes"}, None),
    ],
)
def test_the_handout_covers_the_topic_in_view_and_every_topic_answered(topic, answers, covered):
    assert view.handout_topics(tenant_rights.checklist_for("dc"), topic, answers) == covered


def test_spanish_red_flag_summary_with_next_steps_and_phone(agency):
    at = open_page("es")
    answer(at, "dc-deposit-cap", "no")
    answer(at, "dc-lockout", "yes")
    answer(at, "dc-repairs-report", "not_sure")
    text = visible_text(at)
    assert "2 señales de alerta. Esto es lo que puede hacer." in text
    assert "**Señal de alerta:** ¿El dueño cambió las cerraduras" in text
    assert "**Para averiguar:** ¿El dueño arregló el problema" in text
    assert "Esto es ilegal en DC." in text
    assert "202-719-6560" in text


def test_an_answer_pressed_again_is_cleared(agency):
    """The answers are three buttons in a row: pressing the chosen one again takes the answer back."""
    at = open_page("es")
    assert "Para quitar una respuesta, tóquela otra vez." in visible_text(at)  # the page says how
    answer(at, "dc-deposit-cap", "no")
    assert "1 señal de alerta. Esto es lo que puede hacer." in visible_text(at)
    answer(at, "dc-deposit-cap", None)
    assert at.segmented_control(key="tr_answer_dc-deposit-cap").value is None
    assert "Conteste las preguntas de arriba para ver su resumen." in visible_text(at)


def test_no_red_flag_when_the_answer_is_the_safe_one(agency):
    at = open_page("es")
    answer(at, "dc-deposit-cap", "yes")
    assert "Sus respuestas no muestran señales de alerta." in visible_text(at)


@pytest.mark.parametrize(
    "place,signed,message",
    [
        ("dc", "2026-03-01", "Este depósito pasa el límite por $1,500.00."),
        ("virginia", "2026-03-01", "Este depósito está dentro del límite."),
        ("montgomery_md", "2024-09-30", "Este depósito está dentro del límite."),
        ("montgomery_md", "2024-10-01", "Este depósito pasa el límite por $1,500.00."),
    ],
)
def test_spanish_deposit_three_thousand_on_fifteen_hundred(agency, place, signed, message):
    at = open_page(
        "es", query={"tr_place": place, "tr_rent": "1500.0", "tr_deposit": "3000.0", "tr_lease_date": signed}
    )
    text = visible_text(at)
    assert message in text, [s.value for s in at.success] + [e.value for e in at.error]


def test_deposit_amounts_typed_into_the_widgets(agency):
    at = open_page("en")
    at.number_input(key="tr_rent").set_value(1500.0).run()
    at.number_input(key="tr_deposit").set_value(3000.0).run()
    assert "This deposit is $1,500.00 over the limit." in visible_text(at)


def test_spanish_notice_reason_without_a_rule_says_verify_at_the_field(agency):
    at = open_page("es", query={"tr_place": "dc"}, state={"tr_calc_tab": "Aviso de desalojo"})
    at.selectbox(key="tr_reason").set_value("month_to_month_end").run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert (
        "No tenemos un plazo de aviso para esta razón aquí. Confírmelo con un abogado o con la agencia."
        in errors
    )


def test_spanish_notice_days_follow_the_rental_act_date(agency):
    at = open_page("es", query={"tr_place": "dc", "tr_notice_date": "2025-12-30"})
    assert "El plazo del aviso termina el **29 de enero de 2026**." in visible_text(at)
    at = open_page("es", query={"tr_place": "dc", "tr_notice_date": "2025-12-31"})
    assert "El plazo del aviso termina el **10 de enero de 2026**." in visible_text(at)


def test_rent_increase_over_the_ceiling_in_english(agency):
    query = {
        "tr_place": "dc",
        "tr_old_rent": "1500.0",
        "tr_new_rent": "1700.0",
        "tr_increase_date": "2026-06-01",
    }
    assert "This increase (13.3%) is over the limit of 4.1%." in visible_text(open_page("en", query=query))


def test_rent_increase_with_no_figure_for_the_year_is_unknown_not_the_ceiling(agency):
    query = {
        "tr_place": "dc",
        "tr_old_rent": "1500.0",
        "tr_new_rent": "1560.0",
        "tr_increase_date": "2025-06-01",
    }
    text = visible_text(open_page("en", query=query))
    assert "This year's limit is unknown: no figure is on file for this date." in text
    assert "10.0%" not in text


def test_spanish_rent_increase_without_this_years_figure_says_verify(agency):
    at = open_page("es", query={"tr_place": "prince_georges_md", "tr_increase_date": "2026-08-01"})
    text = visible_text(at)
    assert "No sabemos el límite de este año: no tenemos la cifra para esta fecha." in text
    assert "(DPIE)" in text


def test_topic_filter_and_topa_dates(agency):
    at = open_page(
        "es",
        query={
            "tr_place": "dc",
            "tr_topic": "topa",
            "tr_building": "five_plus",
            "tr_offer_date": "2026-01-05",
        },
    )
    questions = question_keys(at)
    assert questions and all(k.startswith("tr_answer_dc-topa") for k in questions)
    assert (
        "**A más tardar el 19 de febrero de 2026:** Formar y registrar la asociación de inquilinos"
        in visible_text(at)
    )


def test_takoma_park_shows_city_items(agency):
    at = open_page("es", query={"tr_place": "takoma_park_md", "tr_topic": "rent_increase"})
    assert "Takoma Park: ¿le avisaron del aumento por escrito por lo menos 2 meses antes?" in visible_text(at)


def test_logged_out_has_no_save_or_outcome_buttons(agency):
    at = open_page("es")
    answer(at, "dc-evict-court-only", "no")
    labels = [b.label for b in at.button]
    assert not any("Guardar" in label for label in labels)
    assert not any("Confirm" in label for label in labels)


def test_logged_in_saves_progress_and_proposes_rental_outcomes(agency):
    household = agency["households"]["north"]
    user = agency["users"]["counselor"]
    at = open_page("en", user=user, household_id=household, query={"tr_place": "montgomery_md"})
    answer(at, "md-evict-counsel", "no")
    answer(at, "md-repairs-notice", "no")
    labels = [b.label for b in at.button]
    assert "Confirm: Avoided eviction" in labels
    assert "Confirm: Improved living conditions" in labels
    at.button(key="save_scenario_tenant_checklist").click().run()
    assert "Saved to the client file." in [s.value for s in at.success]

    # A fresh session (on DC by default) can continue from the saved place, topic and answers.
    again = open_page("en", user=user, household_id=household)
    again.button(key="tr_restore").click().run()
    assert not again.exception, [e.value for e in again.exception]
    assert again.pills(key="tr_place").value == "montgomery_md"
    assert again.selectbox(key="tr_topic").value == "repairs"  # where the counselor was
    assert again.segmented_control(key="tr_answer_md-repairs-notice").value == "no"
    show_topic(again, "eviction_notice")
    assert again.segmented_control(key="tr_answer_md-evict-counsel").value == "no"


def test_only_repairs_answers_propose_only_living_conditions(agency):
    at = open_page("en", user=agency["users"]["counselor"], household_id=agency["households"]["north"])
    answer(at, "dc-repairs-in-writing", "yes")
    labels = [b.label for b in at.button]
    assert "Confirm: Improved living conditions" in labels
    assert "Confirm: Avoided eviction" not in labels


def test_handout_download_is_offered(agency):
    at = open_page("es")
    buttons = at.get("download_button")
    assert buttons and buttons[0].proto.label == "Descargar la hoja (PDF)"


@pytest.mark.parametrize(("first", "then"), [("en", "es"), ("es", "en")])
def test_the_handout_follows_the_screen_language_until_one_is_picked(agency, first, then):
    at = open_page(first)
    assert at.segmented_control(key="tr_handout_lang").value == first
    at.segmented_control(key="lang_switch").set_value(then).run()  # the family switches the screen
    assert not at.exception, [e.value for e in at.exception]
    assert at.segmented_control(key="tr_handout_lang").value == then
    at.segmented_control(key="tr_handout_lang").set_value(first).run()  # a print for a relative
    at.run()
    at.segmented_control(key="lang_switch").set_value(first).run()
    at.segmented_control(key="lang_switch").set_value(then).run()
    assert at.segmented_control(key="tr_handout_lang").value == first  # picked: kept


def test_an_answer_reruns_only_the_summary(agency):
    """The answer's callback reruns the summary fragment alone: what that run sends is the summary (with the
    new red flag) and the handout, not the questions or the calculators (the browser keeps those)."""
    at = open_page("en", query={"tr_topic": "security_deposit"})
    at.segmented_control(key="tr_answer_dc-deposit-cap").set_value("no").run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == ["1 warning sign. Here is what to do."]
    assert at.get("download_button")
    assert not question_keys(at)
    assert not at.number_input and not at.selectbox
    assert "Checklist" not in [h.value for h in at.header]
    # the next page run draws everything again, with the answer kept
    at.run()
    assert at.segmented_control(key="tr_answer_dc-deposit-cap").value == "no"
    assert "1 warning sign. Here is what to do." in visible_text(at)


def test_only_the_open_calculator_is_built(agency):
    at = open_page("en")
    assert [t.label for t in at.tabs] == [
        "Deposit limit",
        "Deposit return",
        "Rent increase",
        "Eviction notice",
        "TOPA dates",
    ]
    keys = {w.key for w in list(at.number_input) + list(at.date_input) + list(at.selectbox)}
    assert {"tr_rent", "tr_deposit", "tr_lease_date"} <= keys
    assert not keys & {"tr_move_out", "tr_old_rent", "tr_reason", "tr_building"}
    at.session_state["tr_calc_tab"] = "Rent increase"
    at.run()
    keys = {w.key for w in list(at.number_input) + list(at.date_input) + list(at.selectbox)}
    assert "tr_old_rent" in keys and "tr_rent" not in keys


@pytest.mark.parametrize(
    "query,tab,key",
    [
        ({"tr_move_out": "2026-01-05"}, "Deposit return", "tr_move_out"),
        ({"tr_reason": "owner_use"}, "Eviction notice", "tr_reason"),
        ({"tr_place": "virginia", "tr_offer_date": "2026-01-05"}, "Deposit limit", "tr_rent"),
    ],
)
def test_a_link_opens_the_calculator_it_is_about(agency, query, tab, key):
    """TOPA is DC's: a TOPA link for Virginia opens on the first calculator."""
    at = open_page("en", query=query)
    assert at.session_state["tr_calc_tab"] == tab
    assert key in {w.key for w in list(at.number_input) + list(at.date_input) + list(at.selectbox)}
