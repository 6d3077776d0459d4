"""How search engines and link previews see the site: sitemap.xml, robots.txt, Open Graph locales.

* :func:`sitemap_xml`: every indexable page in every language, absolute (through
  :class:`~aktivitetsportal.outputs.addresses.PublicUrls`), with an ``xhtml:link`` hreflang
  alternate per language (Google's format for multilingual sites). Sorted, no ``lastmod``:
  the same content gives the same bytes.
* :func:`robots_txt`: allows everything but the pages made for screens and other websites
  (the info screen and the embeds, which ``bare.html`` also marks ``noindex``), and names the
  sitemap.
* :func:`og_locale`: ``og:locale`` of a language (``nb`` -> ``nb_NO``).

Paths here are site-relative and in the default language (``arrangement/tirsdagskaffe/``);
every language adds its prefix (``en/arrangement/tirsdagskaffe/``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit
from xml.etree import ElementTree

from babel import Locale
from babel.core import get_global

from aktivitetsportal.keys import PageKind
from aktivitetsportal.outputs.addresses import PublicUrls, url_for
from aktivitetsportal.outputs.pages import PlannedPage
from aktivitetsportal.text.translations import Language

__all__ = [
    "NOT_INDEXED",
    "SITEMAP_PATH",
    "ROBOTS_PATH",
    "indexed_paths",
    "sitemap_xml",
    "robots_txt",
    "og_locale",
]

#: Planned pages that are not for search engines: the 404 page, the info screen and the embeds.
NOT_INDEXED: frozenset[PageKind] = frozenset({
    PageKind.NOT_FOUND,
    PageKind.INFO_SCREEN,
    PageKind.EMBED_ALL,
    PageKind.EMBED_CATEGORY,
    PageKind.EMBED_AUDIENCE,
    PageKind.EMBED_ORGANIZER,
    PageKind.EMBED_PLACE,
})
#: Of those, the ones robots.txt keeps crawlers out of (the 404 page is never linked).
_DISALLOWED = (PageKind.INFO_SCREEN, PageKind.EMBED_ALL, PageKind.EMBED_CATEGORY,
               PageKind.EMBED_AUDIENCE, PageKind.EMBED_ORGANIZER, PageKind.EMBED_PLACE)

SITEMAP_PATH = "sitemap.xml"
ROBOTS_PATH = "robots.txt"

_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML_NS = "http://www.w3.org/1999/xhtml"

#: ``og:locale`` where Facebook's list differs from CLDR's likely region (Arabic is ``ar_AR``).
_OG_LOCALES = {"en": "en_GB", "ar": "ar_AR"}


def indexed_paths(plan: Iterable[PlannedPage], content_paths: Iterable[str]) -> list[str]:
    """Site-relative paths (default language) of every page for search engines, sorted, once each.

    ``content_paths`` are the URLs of Pelican's pages (content/pages).
    """
    paths = {page.url for page in plan if page.kind not in NOT_INDEXED}
    paths.update(content_paths)
    return sorted(paths)


def sitemap_xml(paths: Iterable[str], languages: Sequence[Language], urls: PublicUrls) -> bytes:
    """The sitemap: one ``<url>`` per page and language, each listing all its language versions."""
    ElementTree.register_namespace("", _SITEMAP_NS)
    ElementTree.register_namespace("xhtml", _XHTML_NS)
    root = ElementTree.Element(f"{{{_SITEMAP_NS}}}urlset")
    entries = []
    for path in paths:
        versions = [(lang.code, urls.absolute(lang.prefix + path)) for lang in languages]
        entries += [(loc, versions) for _, loc in versions]
    for loc, versions in sorted(entries):
        entry = ElementTree.SubElement(root, f"{{{_SITEMAP_NS}}}url")
        ElementTree.SubElement(entry, f"{{{_SITEMAP_NS}}}loc").text = loc
        for code, href in versions:
            ElementTree.SubElement(entry, f"{{{_XHTML_NS}}}link",
                                   {"rel": "alternate", "hreflang": code, "href": href})
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _folder(kind: PageKind) -> str:
    """The folder all pages of ``kind`` are in: ``innebygd/kategori/``, ``infoskjerm/``."""
    one, other = url_for(kind, "a"), url_for(kind, "b")
    if one == other:  # a single page
        return one
    return one[: len(one) - len("a/")]


def robots_txt(languages: Sequence[Language], urls: PublicUrls) -> str:
    """Allow all but the info screen and the embeds (in every language); name the sitemap."""
    disallowed = sorted({urlsplit(urls.absolute(lang.prefix + _folder(kind))).path
                         for lang in languages for kind in _DISALLOWED})
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in disallowed), "",
             f"Sitemap: {urls.absolute(SITEMAP_PATH)}"]
    return "\n".join(lines) + "\n"


def og_locale(code: str) -> str:
    """``og:locale`` of a language: ``nb`` -> ``nb_NO``, ``uk`` -> ``uk_UA`` (from CLDR)."""
    if code in _OG_LOCALES:
        return _OG_LOCALES[code]
    locale = Locale.parse(code)
    if locale.territory:
        return f"{locale.language}_{locale.territory}"
    likely = Locale.parse(get_global("likely_subtags").get(locale.language, code))
    return f"{locale.language}_{likely.territory}" if likely.territory else locale.language
