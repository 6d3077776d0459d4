"""Submitted Markdown to safe HTML, and to plain text for feeds and search.

Descriptions are written by the public, so they are untrusted: Python-Markdown
renders them and nh3 (ammonia) keeps only harmless tags, attributes and URL
schemes. No script, event handler or ``javascript:`` URL survives.
"""

from __future__ import annotations

import lxml.html
import markdown
import nh3

__all__ = ["render_markdown", "sanitize_html", "html_to_text", "ALLOWED_TAGS"]

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "blockquote",
    "h2", "h3", "h4", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_BLOCK_TAGS = ["p", "li", "h2", "h3", "h4", "blockquote", "pre", "td", "th"]

def _new_markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")


# One converter reused for every file (creating one per file is slow on big sites).
_md = _new_markdown()


def render_markdown(text: str) -> str:
    """Markdown -> sanitised HTML. Headings are shifted down (# -> h2) below the page title."""
    global _md
    _md.reset()
    try:
        raw = _md.convert(text)
    except Exception:
        _md = _new_markdown()  # a failed conversion can leave the converter's state broken
        raise
    raw = raw.replace("<h1", "<h2").replace("</h1>", "</h2>")
    return sanitize_html(raw)


def sanitize_html(raw: str) -> str:
    """Keep only harmless tags, attributes and http(s)/mailto/tel links."""
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener nofollow",
        strip_comments=True,
    )


def _link_text(link) -> str:
    href, text = link.get("href", ""), link.text_content()
    address = href.removeprefix("mailto:")
    return f"{text} ({address})" if href and address not in text else text


def _text(element) -> str:
    """The text of ``element``: links with their address, ``<br>`` as a line break."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "a":
            parts.append(_link_text(child))
        elif child.tag == "br":
            parts.append("\n")
        elif isinstance(child.tag, str):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def html_to_text(html: str) -> str:
    """Plain text of sanitised HTML, for feeds and calendars.

    Paragraphs and list items stay on their own lines and links keep their
    address (``Meld deg på (https://...)``), since a calendar app shows no HTML.
    """
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    out: list[str] = []
    previous_was_item = False
    for block in root.iter(*_BLOCK_TAGS):
        if next(block.iterdescendants(*_BLOCK_TAGS), None) is not None:
            continue  # its inner blocks are taken on their own
        lines = [" ".join(line.split()) for line in _text(block).split("\n")]
        text = "\n".join(line for line in lines if line)
        if not text:
            continue
        is_item = block.tag == "li"
        if out:
            out.append("\n" if is_item and previous_was_item else "\n\n")
        out.append(("- " if is_item else "") + text)
        previous_was_item = is_item
    if not out:  # text without any block element
        return " ".join(_text(root).split())
    return "".join(out).strip()
