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

from fontTools import subset as ftsubset
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
# glyph itself): dropped once from the pre-cut Latin copy, so no document reads them again.
UNUSED_TABLES = (
    "FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "sbix", "CBDT", "CBLC",
    "EBDT", "EBLC", "EBSC", "SVG ", "CPAL", "COLR", "kern",
)  # fmt: skip
# Unicode blocks pre-cut into a smaller font: Latin (with Vietnamese), IPA and combining marks,
# punctuation, currency, letter-like symbols, arrows and geometric shapes (the missing-letter box).
COMMON_RANGES = (
    (0x0000, 0x036F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0x2100, 0x21FF),
    (0x25A0, 0x25FF),
)
IMAGE_CACHE_SIZE = 64


@dataclass(frozen=True)
class EmbedSource:
    """A font file ready to be cut down per document: its bytes (glyph names dropped) and glyph order."""

    data: bytes
    glyph_order: tuple[str, ...]

    def open(self) -> ttLib.TTFont:
        """A fresh font for one document: output cuts it down to the letters used, in place.

        recalcBBoxes=False: the glyphs are copied unchanged, so their boxes need no recomputing.
        """
        font = ttLib.TTFont(BytesIO(self.data), lazy=True, recalcTimestamp=False, recalcBBoxes=False)
        font.setGlyphOrder(list(self.glyph_order))  # names without reading the post table
        return font


@dataclass(frozen=True)
class SharedFont:
    """One font file parsed once: fpdf2's parsed font (a template) and the sources each document subsets.

    Cutting a font down costs about its number of glyphs, so a document whose letters all sit in
    COMMON_RANGES (about 1,500 of DejaVu's 6,000 glyphs) is cut from a pre-cut copy of those.
    """

    template: TTFFont
    full: EmbedSource
    common: EmbedSource
    common_names: frozenset[str]

    def embed_source(self, glyph_names) -> EmbedSource:
        return self.common if self.common_names.issuperset(glyph_names) else self.full


_fonts: dict[tuple[str, str], SharedFont] = {}
_fonts_lock = threading.Lock()  # two sessions printing at once must not parse the same file twice


def _embed_source(font: ttLib.TTFont) -> EmbedSource:
    glyph_order = tuple(font.getGlyphOrder())
    # fpdf2 writes the subset without glyph names anyway; format 3 spares reading ~6,000 names each time.
    font["post"].formatType = 3.0
    data = BytesIO()
    font.save(data)
    font.close()
    return EmbedSource(data.getvalue(), glyph_order)


def _parse_font(family: str, style: str, path: Path) -> SharedFont:
    """Parse a font the way fpdf2's add_font does, and prepare slimmer copies of the file to embed."""
    parser = FPDF()
    parser.add_font(family, style, str(path))
    template = parser.fonts[f"{family.lower()}{style}"]
    # The whole font (rarely needed: Greek, Cyrillic...) is embedded from the file as it is.
    full = EmbedSource(path.read_bytes(), tuple(template.ttfont.getGlyphOrder()))
    # Lazy, and glyphs copied as they are (their boxes stay right): a quarter of the time to prepare.
    common = ttLib.TTFont(str(path), lazy=True, recalcTimestamp=False, recalcBBoxes=False)
    options = ftsubset.Options(notdef_outline=True, recommended_glyphs=True, glyph_names=True)
    options.drop_tables += list(UNUSED_TABLES)
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(unicodes=[code for low, high in COMMON_RANGES for code in range(low, high + 1)])
    subsetter.subset(common)
    common_names = frozenset(common.getGlyphOrder())
    template.close()  # the template's own file handle is never used again
    return SharedFont(template, full, _embed_source(common), common_names)


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
    font.ttfont = shared.full.open()  # Document.output swaps in the smaller copy when it has every letter
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
        self.shared_fonts: dict[str, SharedFont] = {}
        for style, path in FONT_FILES.items():
            fontkey = f"{FAMILY.lower()}{style}"
            self.shared_fonts[fontkey] = shared_font(FAMILY, style, path)
            self.fonts[fontkey] = document_font(self.shared_fonts[fontkey], len(self.fonts) + 1)
        self.set_title(title)
        self.set_lang(self.lang)
        self.set_creator("Camino")
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)
        self.body_top = self.t_margin
        self.alias_nb_pages("{nb}")
        self.set_font(FAMILY, size=self.base_size)

    def t(self, message: str) -> str:
        """Translate a message into the document's language (not the viewer's)."""
        return i18n.gettext(message, self.lang)

    def header(self) -> None:
        self.body_top = self.t_margin
        if not self.header_text:
            return
        self.set_font(FAMILY, "B", 9)
        self.set_text_color(11, 110, 79)
        self.cell(0, 6, self.header_text, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(11, 110, 79)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(3)
        self.body_top = self.y  # where a page's text starts: how tall a table row may be
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
        self.text_block(sizes.get(level, self.base_size) * 0.5, text)
        self.set_font(FAMILY, size=self.base_size)
        self.ln(1)

    def paragraph(self, text: str) -> None:
        self.set_font(FAMILY, size=self.base_size)
        self.text_block(self.base_size * 0.5, text or "")
        self.ln(1)

    def small(self, text: str) -> None:
        self.set_font(FAMILY, size=max(7.5, self.base_size - 2.5))
        self.set_text_color(70, 70, 70)
        self.text_block(4, text or "")
        self.set_text_color(0, 0, 0)
        self.set_font(FAMILY, size=self.base_size)

    # fpdf2's multi_cell breaks text one letter at a time; a heading, paragraph or bullet that fits on
    # one line prints the same through cell(), at a fraction of the cost.

    def fits_one_line(self, text: str, width: float = 0) -> bool:
        """Whether multi_cell(width, ...) would print `text` on a single line (then cell() prints it the same)."""
        width = width or self.w - self.r_margin - self.x
        return "\n" not in text and self.get_string_width(text) <= width - 2 * self.c_margin

    def text_block(self, h: float, text: str) -> None:
        """multi_cell(0, h, text) at the left margin, through cell() when the text fits on one line."""
        if self.fits_one_line(text):
            self.cell(0, h, text, new_x="LMARGIN", new_y="NEXT")
        else:
            self.multi_cell(0, h, text, new_x="LMARGIN", new_y="NEXT")

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

    def output(self, *args, **kwargs):
        """fpdf2's output, each shared font cut from the smallest copy that holds every letter used."""
        for fontkey, shared in self.shared_fonts.items():
            font = self.fonts[fontkey]
            font.ttfont.close()
            font.ttfont = shared.embed_source(font.subset.get_all_glyph_names()).open()
        return super().output(*args, **kwargs)

    def to_bytes(self) -> bytes:
        return bytes(self.output())


def new_document(
    lang: str = "en", title: str = "", header_text: str = "", large_print: bool = False
) -> Document:
    doc = Document(lang=lang, title=title, header_text=header_text, large_print=large_print)
    doc.add_page()
    return doc
