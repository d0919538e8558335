"""The shared PDF base: embedded DejaVu fonts (any name prints), a header, and 'Page 1 of 2' footers.

Every printed document (action plan, handouts, certificates) starts from `new_document()`.

fpdf2's add_font parses a whole TTF file with fontTools (about a third of a one-page plan), so each
font is parsed once per process and every document gets a light copy that shares the parsed, read-only
data (character map, widths) and keeps its own per-document state (glyphs used, subset, descriptor).
"""

from __future__ import annotations

import copy
import hashlib
import threading
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.image_datastructures import RasterImageInfo
from fpdf.image_parsing import get_img_info

import i18n

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
FONT_FILES = {"": FONTS / "DejaVuSans.ttf", "B": FONTS / "DejaVuSans-Bold.ttf"}
PAGE_OF = {"en": "Page {page} of {total}", "es": "Página {page} de {total}"}
# Tables fpdf2 drops when it cuts a font down to the letters used, plus 'kern' (a PDF places every
# glyph itself): dropping them once from the copy we embed saves reading them for every document.
UNUSED_TABLES = (
    "FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "sbix", "CBDT", "CBLC",
    "EBDT", "EBLC", "EBSC", "SVG ", "CPAL", "COLR", "kern",
)  # fmt: skip
IMAGE_CACHE_SIZE = 64


@dataclass(frozen=True)
class SharedFont:
    """One font file parsed once: fpdf2's parsed font (a template) and the bytes each document subsets."""

    template: TTFFont
    embed_data: bytes
    glyph_order: tuple[str, ...]


_fonts: dict[tuple[str, str], SharedFont] = {}
_fonts_lock = threading.Lock()  # two sessions printing at once must not parse the same file twice


def _parse_font(family: str, style: str, path: Path) -> SharedFont:
    """Parse a font the way fpdf2's add_font does, and prepare a slimmer copy of the file to embed."""
    parser = FPDF()
    parser.add_font(family, style, str(path))
    template = parser.fonts[f"{family.lower()}{style}"]
    template.close()  # the template's own file handle is never used again
    full = ttLib.TTFont(str(path), recalcTimestamp=False)
    glyph_order = tuple(full.getGlyphOrder())
    for tag in UNUSED_TABLES:
        if tag in full:
            del full[tag]
    # fpdf2 writes the subset without glyph names anyway; format 3 spares reading ~6,000 names each time.
    full["post"].formatType = 3.0
    data = BytesIO()
    full.save(data)
    full.close()
    return SharedFont(template, data.getvalue(), glyph_order)


def shared_font(family: str, style: str, path: Path) -> SharedFont:
    """The parsed font for (family, style), parsed on first use and then kept for the process."""
    key = (family.lower(), style)
    with _fonts_lock:
        shared = _fonts.get(key)
        if shared is None:
            shared = _fonts[key] = _parse_font(family, style, path)
    return shared


def document_font(shared: SharedFont, index: int) -> TTFFont:
    """A per-document font: shares the parsed read-only data, owns everything the document writes to."""
    template = shared.template
    font = TTFFont.__new__(TTFFont)
    for name in TTFFont.__slots__:
        if hasattr(template, name):
            setattr(font, name, getattr(template, name))
    font.i = index
    font.cw = copy.copy(template.cw)  # a defaultdict: reading an unknown letter adds a key
    font.desc = copy.copy(template.desc)  # the output gives the descriptor its object id and name
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font._hbfont = None
    font.subset = SubsetMap(font)
    # Output cuts this font down to the letters used, in place: each document needs its own.
    # recalcBBoxes=False: the glyphs are copied unchanged, so their boxes need no recomputing.
    font.ttfont = ttLib.TTFont(
        BytesIO(shared.embed_data), lazy=True, recalcTimestamp=False, recalcBBoxes=False
    )
    font.ttfont.setGlyphOrder(list(shared.glyph_order))
    return font


@lru_cache(maxsize=IMAGE_CACHE_SIZE)
def _raster_info(key: str, data: bytes) -> RasterImageInfo:
    """fpdf2's parsed, compressed form of a PNG: done once per image, not once per document."""
    return get_img_info(key, BytesIO(data))


class Document(FPDF):
    """Letter-size PDF with Unicode fonts, a running header and numbered pages."""

    def __init__(self, lang: str = "en", title: str = "", header_text: str = "", large_print: bool = False):
        super().__init__(format="Letter", unit="mm")
        self.lang = i18n.normalize_language(lang)
        self.header_text = header_text
        self.base_size = 14 if large_print else 10.5
        for style, path in FONT_FILES.items():
            fontkey = f"{FAMILY.lower()}{style}"
            self.fonts[fontkey] = document_font(shared_font(FAMILY, style, path), len(self.fonts) + 1)
        self.set_title(title)
        self.set_lang(self.lang)
        self.set_creator("Camino")
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)
        self.alias_nb_pages("{nb}")
        self.set_font(FAMILY, size=self.base_size)

    def t(self, message: str) -> str:
        """Translate a message into the document's language (not the viewer's)."""
        return i18n.gettext(message, self.lang)

    def header(self) -> None:
        if not self.header_text:
            return
        self.set_font(FAMILY, "B", 9)
        self.set_text_color(11, 110, 79)
        self.cell(0, 6, self.header_text, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(11, 110, 79)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(3)
        self.set_text_color(0, 0, 0)
        self.set_font(FAMILY, size=self.base_size)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FAMILY, size=8)
        self.set_text_color(90, 90, 90)
        text = PAGE_OF[self.lang].format(page=self.page_no(), total="{nb}")
        self.cell(0, 6, text, align="C")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, level: int = 1) -> None:
        sizes = {1: self.base_size + 7, 2: self.base_size + 3, 3: self.base_size + 1}
        self.ln(2 if level > 1 else 0)
        self.set_font(FAMILY, "B", sizes.get(level, self.base_size))
        self.multi_cell(0, sizes.get(level, self.base_size) * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, size=self.base_size)
        self.ln(1)

    def paragraph(self, text: str) -> None:
        self.set_font(FAMILY, size=self.base_size)
        self.multi_cell(0, self.base_size * 0.5, text or "", new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def small(self, text: str) -> None:
        self.set_font(FAMILY, size=max(7.5, self.base_size - 2.5))
        self.set_text_color(70, 70, 70)
        self.multi_cell(0, 4, text or "", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(FAMILY, size=self.base_size)

    def png(self, data: bytes, w: float) -> None:
        """Place a PNG, reusing its parsed form when an earlier document already placed the same bytes."""
        data = data.strip()  # fpdf2 names an image by the digest of its stripped bytes
        key = hashlib.md5(data, usedforsecurity=False).hexdigest()
        if key not in self.image_cache.images and self.image_cache.image_filter == "AUTO":
            info = _raster_info(key, data)
            if info.get("iccp") is None:  # an ICC profile needs fpdf2's own bookkeeping: let it parse
                entry = RasterImageInfo(info)
                entry.update(i=len(self.image_cache.images) + 1, usages=0, iccp_i=None)
                self.image_cache.images[key] = entry
        self.image(BytesIO(data), w=w)

    def to_bytes(self) -> bytes:
        return bytes(self.output())


def new_document(
    lang: str = "en", title: str = "", header_text: str = "", large_print: bool = False
) -> Document:
    doc = Document(lang=lang, title=title, header_text=header_text, large_print=large_print)
    doc.add_page()
    return doc
