"""Japanese fonts for generated PDFs: IPAex明朝, embedded (subset) so that any viewer renders the text.

reportlab's built-in CID fonts (HeiseiMin, HeiseiKakuGo) are not embedded: a viewer without Japanese
fonts shows blanks or boxes. Official forms therefore use this TrueType font, shipped in ``fonts/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
MINCHO = "IPAexMincho"


@cache
def japanese_font() -> str:
    """Register IPAex明朝 once per process and return its name for ParagraphStyle/Canvas."""
    pdfmetrics.registerFont(TTFont(MINCHO, str(FONT_DIR / "ipaexm.ttf")))
    return MINCHO
