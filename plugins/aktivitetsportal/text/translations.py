"""The gettext catalogues, and what the portal knows about each language.

Bokmål (``nb``) is the source language: message ids in the code and the
templates are bokmål, so ``nb`` needs no catalogue. Every other language has
``locales/<lang>/LC_MESSAGES/messages.po`` in the repository; it is compiled
in memory when first used (no compiled ``.mo`` files are kept), so a build
always uses the catalogue as it is in the repository.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from markupsafe import escape

from aktivitetsportal.settings import LOCALES_DIR, SOURCE_LANGUAGE

__all__ = [
    "SOURCE_LANGUAGE", "LOCALES_DIR", "Language", "language", "translator", "catalogue_path",
    "use_language", "active_language", "Lazy", "lazy", "lazy_text",
]



def catalogue_path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"


@cache
def translator(lang: str) -> gettext.NullTranslations:
    """The translations of ``lang`` (nothing to translate for bokmål, the source)."""
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = catalogue_path(lang)
    if not path.exists():
        raise LookupError(f"No catalogue for language {lang!r}: expected {path}")
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt does
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@dataclass(frozen=True, slots=True)
class Language:
    """One language of the site: its code, its own name, writing direction, URL prefix."""

    code: str
    name: str  # in the language itself, from CLDR: "English", "Українська", "العربية"
    direction: str  # "ltr" or "rtl"
    prefix: str  # "" for the default language, else "en/"


@cache
def language(code: str, default: str = SOURCE_LANGUAGE) -> Language:
    """What CLDR (through Babel) says about ``code``; the default language has no prefix."""
    locale = Locale.parse(code)
    name = locale.get_display_name(locale) or code
    return Language(code, name[:1].upper() + name[1:], locale.text_direction, "" if code == default else f"{code}/")


_ACTIVE = ContextVar("portal_language", default=SOURCE_LANGUAGE)


@contextmanager
def use_language(code: str) -> Iterator[None]:
    """Show every :class:`Lazy` text (and the template filters) in ``code`` inside the block."""
    token = _ACTIVE.set(code)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def active_language() -> str:
    return _ACTIVE.get()


class Lazy:
    """Text that is put into words when it is shown, in the language active then.

    Page plans are made once per build and rendered in every language, so
    their titles and labels are ``Lazy``: ``func(*args, lang=<active>)``.
    """

    __slots__ = ("func", "args", "kwargs")

    def __init__(self, func: Callable[..., str], *args, **kwargs):
        self.func, self.args, self.kwargs = func, args, kwargs

    def in_language(self, code: str) -> str:
        return self.func(*self.args, **self.kwargs, lang=code)

    def __str__(self) -> str:
        return self.in_language(active_language())

    def __html__(self) -> str:
        return str(escape(str(self)))

    def __repr__(self) -> str:
        return f"Lazy({self.in_language(SOURCE_LANGUAGE)!r})"

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __bool__(self) -> bool:
        return bool(str(self))

    def __len__(self) -> int:
        return len(str(self))


def _message(message: str, lang: str, **params) -> str:
    text = translator(lang).gettext(message)
    if not params:
        return text
    return text.format(**{name: value.in_language(lang) if isinstance(value, Lazy) else value
                          for name, value in params.items()})


def lazy_text(message: str, **params) -> Lazy:
    """A catalogue message (bokmål id) with ``{name}`` parameters, translated when shown."""
    return Lazy(_message, message, **params)


def lazy(func: Callable[..., str], *args, **kwargs) -> Lazy:
    """``func(*args, lang=...)`` called when shown, e.g. ``lazy(month_title, 2026, 12)``."""
    return Lazy(func, *args, **kwargs)
