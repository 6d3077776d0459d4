"""Submitted Markdown to safe HTML, and to plain text for feeds and search.

Descriptions are written by the public, so they are untrusted: Python-Markdown
renders them and nh3 (ammonia) keeps only harmless tags, attributes and URL
schemes. No script, event handler or ``javascript:`` URL survives.
"""

from __future__ import annotations

import html as html_lib

import markdown
import nh3

__all__ = ["render_markdown", "sanitize_html", "html_to_text", "ALLOWED_TAGS"]

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "blockquote",
    "h2", "h3", "h4", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_md = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")


def render_markdown(text: str) -> str:
    """Markdown -> sanitised HTML. Headings are shifted down (# -> h2) below the page title."""
    _md.reset()
    raw = _md.convert(text)
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


def html_to_text(html: str) -> str:
    """Plain text of sanitised HTML: tags dropped, entities decoded, paragraphs kept."""
    blocks = html.replace("</p>", "\n\n").replace("<br>", "\n").replace("</li>", "\n")
    text = nh3.clean(blocks, tags=set())
    lines = [" ".join(html_lib.unescape(line).split()) for line in text.split("\n")]
    out, blank = [], False
    for line in lines:
        if line:
            out.append(line)
            blank = False
        elif not blank and out:
            out.append("")
            blank = True
    return "\n".join(out).strip()
