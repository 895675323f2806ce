"""Normalization of identifiers, codes, e-mail addresses and phone numbers typed in Japanese input methods.

These functions are for short machine-readable values only. Never apply them to prose (names,
addresses, descriptions): NFKC turns half-width katakana and symbols such as 「①」「㈱」 into other
characters, and removing spaces or hyphens would change the meaning of ordinary text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

# Characters people type (or an input method produces) where a hyphen is meant. After NFKC,
# full-width 「－」 is already "-" and half-width 「ｰ」 is already 「ー」.
HYPHENS: Final = "-‐‑‒–—―⁃−﹣ー"
ZERO_WIDTH: Final = "\u200b\u200c\u200d\u2060\ufeff"

_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH}]")
_SPACES = re.compile(r"\s+")
_SPACES_AND_HYPHENS = re.compile(rf"[\s{re.escape(HYPHENS)}]+")
_PHONE_SEPARATORS = re.compile(rf"[\s(){re.escape(HYPHENS)}]+")
_NOT_PHONE = re.compile(r"[^0-9-]", re.ASCII)


def nfkc(s: str) -> str:
    """NFKC-normalize and drop zero-width characters, e.g. 「１２３」 → 「123」."""
    return _ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", s))


def normalize_identifier(s: str) -> str:
    """For IDs and user names: NFKC, then remove all spaces (also inner ones); hyphens are kept."""
    return _SPACES.sub("", nfkc(s))


def normalize_code(s: str) -> str:
    """For numeric codes (団体コード, 法人番号): NFKC, then remove spaces and hyphens of every width."""
    return _SPACES_AND_HYPHENS.sub("", nfkc(s))


def normalize_email(s: str) -> str:
    """NFKC and strip; lowercase the domain only (the local part is case-sensitive in principle)."""
    address = nfkc(s).strip()
    local, at, domain = address.rpartition("@")
    return f"{local}{at}{domain.lower()}" if at else address


def normalize_phone(s: str) -> str:
    """NFKC, keep digits and single hyphens: 「(03) 1234－5678」 and 「03(1234)5678」 → 「03-1234-5678」."""
    # Spaces, parentheses and hyphen look-alikes separate groups, so they become one hyphen each;
    # anything else (「TEL」, 「+」, 「内線」) is dropped.
    separated = _PHONE_SEPARATORS.sub("-", nfkc(s))
    return re.sub(r"-{2,}", "-", _NOT_PHONE.sub("", separated)).strip("-")
