"""A small, safe Markdown-like text for guides and case studies (pure Python, no dependency).

Supported, and nothing else:

- blocks separated by blank lines; lines of a paragraph are kept with ``<br>``
- ``# `` or ``## `` a heading (h2; the page title is the h1), ``### `` h3, ``#### `` h4 (one level
  deeper each when the text sits under a heading of the page: ``render(text, top=3)``)
- ``- ``, ``* `` or ``・`` a bullet list, ``1. `` a numbered list; two spaces of indent per level nest
- ``> `` a quotation (its content is rendered as blocks again)
- inline ``**strong**`` and ``[text](https://…)`` links (http, https, mailto, site-relative ``/…`` and ``#…``)

Every piece of the author's text is HTML-escaped before it is wrapped in tags, so the output is
safe to mark as such in a template, whatever the text contains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

HEADING = re.compile(r"^(#{1,4})[ \t　]+(.+?)[ \t#]*$")
BULLET = re.compile(r"^( *)(?:[-*][ \t　]+|・[ \t　]*)(.*)$")
NUMBERED = re.compile(r"^( *)\d{1,3}[.．)）][ \t　]+(.*)$")
QUOTE = re.compile(r"^>[ \t　]?(.*)$")
INLINE = re.compile(r"\*\*(?P<strong>.+?)\*\*|\[(?P<text>[^\]\n]+)\]\((?P<url>[^)\s]+)\)")
SAFE_URL = re.compile(r"^(?:https?://|mailto:|/(?!/)|#)", re.IGNORECASE)
MAX_DEPTH = 3


def _inline(text: str) -> str:
    """Escape ``text`` and turn **strong** and [links](url) into tags."""
    out: list[str] = []
    position = 0
    for match in INLINE.finditer(text):
        out.append(escape(text[position : match.start()]))
        if match.group("strong") is not None:
            out.append(f"<strong>{_inline(match.group('strong'))}</strong>")
        elif SAFE_URL.match(match.group("url")):
            out.append(f'<a href="{escape(match.group("url"))}">{escape(match.group("text"))}</a>')
        else:
            out.append(escape(match.group(0)))
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def _plain_inline(text: str) -> str:
    """The words of ``text`` without the inline markers."""
    return INLINE.sub(lambda m: m.group("strong") if m.group("strong") is not None else m.group("text"), text)


@dataclass
class _Item:
    text: list[str]
    children: list[_List] = field(default_factory=list)


@dataclass
class _List:
    ordered: bool
    items: list[_Item] = field(default_factory=list)


def _list_html(block: _List) -> str:
    tag = "ol" if block.ordered else "ul"
    items = []
    for item in block.items:
        inner = "<br>".join(_inline(line) for line in item.text)
        inner += "".join(_list_html(child) for child in item.children)
        items.append(f"<li>{inner}</li>")
    return f"<{tag}>{''.join(items)}</{tag}>"


def _list_marker(line: str) -> tuple[int, bool, str] | None:
    """(depth, ordered, text) when ``line`` is a list item."""
    for pattern, ordered in ((NUMBERED, True), (BULLET, False)):
        match = pattern.match(line)
        if match:
            return min(len(match.group(1)) // 2, MAX_DEPTH - 1), ordered, match.group(2).strip()
    return None


class _Renderer:
    def __init__(self, top: int = 2, prefix: str = "section") -> None:
        self.top = top
        self.prefix = prefix
        self.headings: list[tuple[int, str, str]] = []

    def blocks(self, lines: list[str]) -> str:
        out: list[str] = []
        paragraph: list[str] = []
        stack: list[_List] = []
        quote: list[str] = []

        def close_paragraph() -> None:
            if paragraph:
                out.append("<p>" + "<br>".join(_inline(line) for line in paragraph) + "</p>")
                paragraph.clear()

        def close_list() -> None:
            if stack:
                out.append(_list_html(stack[0]))
                stack.clear()

        def close_quote() -> None:
            if quote:
                out.append(f"<blockquote>{self.blocks(list(quote))}</blockquote>")
                quote.clear()

        for raw in lines:
            line = raw.rstrip()
            quoted = QUOTE.match(line)
            if quoted:
                close_paragraph()
                close_list()
                quote.append(quoted.group(1))
                continue
            close_quote()
            if not line.strip():
                close_paragraph()
                close_list()
                continue
            heading = HEADING.match(line)
            if heading:
                close_paragraph()
                close_list()
                level = min(6, self.top + max(0, len(heading.group(1)) - 2))
                anchor = f"{self.prefix}-{len(self.headings) + 1}"
                self.headings.append((level, anchor, _plain_inline(heading.group(2))))
                out.append(f'<h{level} id="{anchor}">{_inline(heading.group(2))}</h{level}>')
                continue
            marker = _list_marker(line)
            if marker:
                close_paragraph()
                depth, ordered, text = marker
                depth = min(depth, len(stack))
                if depth == 0 and stack and stack[0].ordered != ordered:
                    close_list()
                del stack[depth + 1 :]
                if len(stack) <= depth:
                    new = _List(ordered)
                    if stack:
                        if not stack[-1].items:
                            stack[-1].items.append(_Item([]))
                        stack[-1].items[-1].children.append(new)
                    stack.append(new)
                stack[depth].items.append(_Item([text]))
                continue
            if stack and raw.startswith("  "):
                stack[-1].items[-1].text.append(line.strip())  # a continuation line of the last item
                continue
            close_list()
            paragraph.append(line.strip())
        close_quote()
        close_paragraph()
        close_list()
        return "".join(out)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def render(text: str, top: int = 2, prefix: str = "section") -> str:
    """The text as HTML; every character the author typed is escaped. ``#``/``##`` become h``top``.

    Headings get the ids ``<prefix>-1``, ``<prefix>-2``, ...: give each text on a page its own prefix.
    """
    return _Renderer(top, prefix).blocks(_lines(text or ""))


def headings(text: str) -> list[tuple[int, str, str]]:
    """(level, anchor id, title) of each heading, for a table of contents."""
    renderer = _Renderer()
    renderer.blocks(_lines(text or ""))
    return renderer.headings


def plain_text(text: str) -> str:
    """The words of the text without markers (for the search index and meta descriptions)."""
    words: list[str] = []
    for raw in _lines(text or ""):
        line = raw.strip()
        while QUOTE.match(line):
            line = QUOTE.match(line).group(1).strip()  # type: ignore[union-attr]
        heading = HEADING.match(line)
        if heading:
            line = heading.group(2)
        else:
            marker = _list_marker(line)
            if marker:
                line = marker[2]
        if line:
            words.append(_plain_inline(line))
    return "\n".join(words)
