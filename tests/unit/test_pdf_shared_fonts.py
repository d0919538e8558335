"""Fonts parsed once per process and a chart parsed once per image stay safe across documents and threads."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from fontTools import ttLib
from pypdf import PdfReader

from reports import pdf
from reports.action_plan.build import build_pdf
from tests.unit.test_action_plan_pdf import rich_plan

NAMES = ["Nguyễn Thị Ngọc Đặng", "Zoë Ødegård Łukasz", "José Ñañez Güemes", "Renée O'Connor-Çelik"]


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def embedded_letters(data: bytes) -> set[str]:
    """Every letter the PDF's embedded font programs can draw (read back from their own cmap)."""
    letters: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            program = descriptor.get_object()["/FontFile2"].get_object().get_data()
            cmap = ttLib.TTFont(io.BytesIO(program)).getBestCmap() or {}
            letters |= {chr(code) for code in cmap}
    return letters


def own_letters(name: str, other: str) -> set[str]:
    """Letters in `name` that `other` does not use: they can only come from this document's own subset."""
    return {ch for ch in name if ch.isalpha()} - set(other)


def test_two_plans_one_after_the_other_each_print_their_own_letters():
    first, second = (build_pdf(rich_plan(name=name), "es") for name in NAMES[:2])
    assert NAMES[0] in pdf_text(first) and NAMES[1] in pdf_text(second)
    assert NAMES[1] not in pdf_text(first) and NAMES[0] not in pdf_text(second)
    assert own_letters(NAMES[0], NAMES[1]) <= embedded_letters(first)
    assert own_letters(NAMES[1], NAMES[0]) <= embedded_letters(second)
    # The second document's subset is its own, not the first one's grown further.
    assert not own_letters(NAMES[0], NAMES[1] + pdf_text(second)) & embedded_letters(second)


def test_plans_built_in_two_threads_each_print_their_own_name():
    names = NAMES * 3
    with ThreadPoolExecutor(max_workers=2) as pool:
        outputs = list(pool.map(lambda name: build_pdf(rich_plan(name=name), "both"), names))
    for name, data in zip(names, outputs, strict=True):
        text = pdf_text(data)
        assert text.count(name) >= 2  # once in each language's copy
        assert [other for other in NAMES if other != name and other in text] == []
        assert set(name) - {" ", "'", "-"} <= embedded_letters(data)


def test_a_font_file_is_parsed_once_and_each_document_gets_its_own_state():
    one, two = pdf.new_document("es"), pdf.new_document("en")
    for key in ("dejavu", "dejavuB"):
        a, b = one.fonts[key], two.fonts[key]
        assert a.cmap is b.cmap  # the parsed character map is shared
        assert a.subset is not b.subset and a.desc is not b.desc and a.ttfont is not b.ttfont
        assert a.cw is not b.cw and a.missing_glyphs is not b.missing_glyphs
    assert pdf.shared_font(pdf.FAMILY, "", pdf.FONT_FILES[""]) is pdf.shared_font(
        pdf.FAMILY, "", pdf.FONT_FILES[""]
    )


def test_a_certificate_after_a_plan_prints_its_own_name():
    """Certificates share the fonts with plans: a plan printed first must not leak into the certificate."""
    from reports.certificate import certificate_pdf

    build_pdf(rich_plan(name=NAMES[1]), "es")
    text = pdf_text(certificate_pdf(NAMES[0], "Taller de compradores", "2026-03-05", "es", "Agencia"))
    assert NAMES[0] in text and NAMES[1] not in text


def test_the_same_chart_is_parsed_once_for_many_documents(monkeypatch):
    calls = []
    real = pdf.get_img_info

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf, "get_img_info", counting)
    pdf._raster_info.cache_clear()
    outputs = [build_pdf(rich_plan(name=name), "es") for name in NAMES[:3]]
    assert len(calls) == 1
    for data in outputs:
        images = [image for page in PdfReader(io.BytesIO(data)).pages for image in page.images]
        assert len(images) == 1 and images[0].image.size[0] > 100


@pytest.mark.parametrize(
    "name, source",
    [("José Ñañez Güemes", "common"), ("Nguyễn Thị Ngọc Đặng", "common"), ("Ωμέγα Жанна", "full")],
)
def test_a_document_is_cut_from_the_smallest_font_copy_that_has_its_letters(monkeypatch, name, source):
    """Latin (with Vietnamese) is cut from the pre-cut copy; Greek or Cyrillic from the whole font."""
    opened = []
    real_open = pdf.EmbedSource.open

    def spying_open(self):
        shared = pdf.shared_font(pdf.FAMILY, "", pdf.FONT_FILES[""])
        opened.append("common" if self is shared.common else "full" if self is shared.full else "?")
        return real_open(self)

    monkeypatch.setattr(pdf.EmbedSource, "open", spying_open)
    doc = pdf.new_document("es")
    opened.clear()  # the document opens the whole font first; output picks again
    doc.paragraph(name)
    data = doc.to_bytes()
    assert opened[0] == source
    assert name in pdf_text(data)
    assert set(name) - {" "} <= embedded_letters(data)
