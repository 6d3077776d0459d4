"""Shared helpers for turning a :class:`SourceFile`'s fields into typed values.

A :class:`FieldReader` reads fields one at a time and collects a
:class:`Problem` for each one that is missing or wrong, so a file reports all
its problems at once instead of stopping at the first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping
from pathlib import PurePosixPath

from aktivitetsportal.settings import SOURCE_LANGUAGE, interface_languages
from aktivitetsportal.submissions.field_names import FIELD_NAME_HINTS, field_label
from aktivitetsportal.submissions.html import html_to_text, render_markdown
from aktivitetsportal.submissions.models import Translation
from aktivitetsportal.submissions.problems import Message, Problem
from aktivitetsportal.submissions.sourcefile import SourceFile
from aktivitetsportal.submissions.values import (
    SLUG_RE,
    classify_link,
    has_unsafe_scheme,
    is_blank,
    is_email,
    parse_date,
    slugify,
    split_list,
)
from aktivitetsportal.submissions.vocabulary import Vocabulary

__all__ = [
    "FieldReader", "suggestion_hint", "IMAGE_SUFFIXES", "MAX_CHARS", "DEFAULT_MAX_CHARS",
    "MAX_BODY_CHARS", "MAX_BODY_BRACKETS",
]

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}

#: The longest value of a field, in characters (translations have their field's limit).
#: Titles and places must fit a phone screen and a calendar app's list; the lists of dates
#: in Except and Cancelled-dates can be long for a weekly series.
MAX_CHARS = {
    "title": 150, "name": 150, "location": 200, "address": 200, "organizer": 150, "summary": 300,
    "except": 4000, "cancelled-dates": 4000,
}
DEFAULT_MAX_CHARS = 1000
#: The longest description (the text under the fields), in characters.
MAX_BODY_CHARS = 20_000
#: At most this many "[" and "<" in a description: Markdown's link and HTML scanning takes
#: time that grows with the square of unclosed brackets, so a hostile file could stall the build.
MAX_BODY_BRACKETS = 500

_YES_WORDS = {"ja", "yes", "j", "y", "true", "1", "x"}
_NO_WORDS = {"nei", "no", "n", "false", "0"}


def suggestion_hint(value: str, choices: list[str]) -> dict[str, Message]:
    """A ``hint`` param ("Mente du «x»?") for the closest of ``choices``, or no param.

    The only choice that starts with ``value`` wins ("religion" -> "religion og livssyn");
    else the closest by spelling.
    """
    folded = " ".join(value.casefold().split())
    starting = [c for c in choices if folded and c.casefold().startswith(folded)]
    close = starting if len(starting) == 1 else difflib.get_close_matches(folded, choices, n=1, cutoff=0.6)
    if not close:
        return {}
    return {"hint": Message("hint_did_you_mean", {"value": close[0]})}


class FieldReader:
    """Reads the fields of one file and records problems as it goes."""

    def __init__(self, source: SourceFile, known_fields: set[str], translatable: Collection[str] = ()):
        self.source = source
        self.problems: list[Problem] = list(source.problems)
        self.translatable = frozenset(translatable)
        self._warn_unknown(known_fields)

    # -- reporting -------------------------------------------------------
    def error(self, code: str, name: str | None = None, **params) -> None:
        self._add(code, name, params, "error")

    def warning(self, code: str, name: str | None = None, **params) -> None:
        self._add(code, name, params, "warning")

    def _add(self, code: str, name: str | None, params: dict, severity: str) -> None:
        f = self.source.get(name) if name else None
        self.problems.append(
            Problem(self.source.path, code, line=f.line if f else None, field=name,
                    params=params, severity=severity)
        )

    def body_error(self, code: str, **params) -> None:
        """A problem in the description, located at its first line."""
        self.problems.append(Problem(self.source.path, code, line=self.source.body_line, params=params))

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def _warn_unknown(self, known: set[str]) -> None:
        for f in self.source.fields.values():
            if f.name in known or f.name.rpartition("-")[0] in self.translatable:
                continue
            folded = f.name.replace("æ", "ae").replace("ø", "o").replace("å", "a")
            target = FIELD_NAME_HINTS.get(folded)
            if target == "title" and "name" in known:  # associations and grants have Name
                target = "name"
            if target in known:
                hint = {"hint": Message("hint_write_instead", {"label": field_label(target)})}
            else:
                hint = suggestion_hint(f.name, sorted(known))
            self.problems.append(
                Problem(self.source.path, "unknown_field", line=f.line, field=None,
                        params={"name": f.name, **hint}, severity="warning")
            )

    # -- reading ---------------------------------------------------------
    def text(self, name: str, *, required: bool = False, example: str = "") -> str:
        """The value of field ``name`` on one line; "" if missing, blank or too long (reported)."""
        f = self.source.get(name)
        if f is None:
            if required:
                self.error("missing_field", name, example=example)
            return ""
        if is_blank(f.value):  # only spaces or invisible characters: it shows nothing
            if required:
                self.error("empty_field", name, example=example)
            return ""
        value = " ".join(f.value.split())
        limit = MAX_CHARS.get(name.rpartition("-")[0] if name not in MAX_CHARS and "-" in name else name,
                              DEFAULT_MAX_CHARS)
        if len(value) > limit:
            self.error("value_too_long", name, length=len(value), limit=limit)
            return ""
        return value

    def free_text(self, name: str) -> str:
        """A text shown as it is, which the page may turn into tel:/mailto: links: no other link targets."""
        value = self.text(name)
        if value and has_unsafe_scheme(value):
            self.error("unsafe_text", name, value=value)
            return ""
        return value

    def date(self, name: str):
        value = self.text(name)
        if not value:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.error("bad_date", name, value=value)
        return parsed

    def yes_no(self, name: str) -> bool | None:
        """``ja``/``yes`` -> True, ``nei``/``no`` -> False, missing -> None (not stated)."""
        value = self.text(name).casefold()
        if not value:
            return None
        if value in _YES_WORDS:
            return True
        if value in _NO_WORDS:
            return False
        self.error("bad_yes_no", name, value=self.text(name))
        return None

    def whole_number(self, name: str, *, low: int, high: int) -> int | None:
        """A whole number from ``low`` to ``high`` (``ca. 10`` and ``10 personer`` are read as 10)."""
        value = self.text(name)
        if not value:
            return None
        digits = re.fullmatch(r"(?:ca\.?|cirka|about|opptil|inntil|up to)?\s*(\d{1,6})\s*[^\d\s]*", value, re.I)
        number = int(digits.group(1)) if digits else None
        if number is None or not low <= number <= high:
            self.error("bad_number", name, value=value, low=low, high=high)
            return None
        return number

    def reference(self, name: str, written: str, lookup: Mapping[str, str] | None, code: str) -> str:
        """The slug that ``written`` names in ``lookup`` (slug or exact name, any case).

        An unknown one is reported as ``code`` with the closest slug as a hint and
        an example; ``lookup=None`` means not checked (one file read on its own).
        """
        if lookup is None or not written:
            return written
        for key in (written, " ".join(written.casefold().split()), slugify(written)):
            if key in lookup:
                return lookup[key]
        slugs = sorted(set(lookup.values()))
        closest = difflib.get_close_matches(slugify(written), slugs, n=1, cutoff=0.0)
        self.error(code, name, value=written, slug=slugify(written) or written,
                   example=closest[0] if closest else "",
                   **suggestion_hint(slugify(written), slugs))
        return written

    def choice(self, name: str, vocabulary: Vocabulary, *, required: bool, example: str):
        value = self.text(name, required=required, example=example)
        if not value:
            return None
        term = vocabulary.get(value)
        if term is None:
            self._unknown_choice(name, value, vocabulary)
            return None
        return term.value

    def choices(self, name: str, vocabulary: Vocabulary, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        value = self.text(name)
        if not value:
            return default
        found = []
        for item in split_list(value):
            term = vocabulary.get(item)
            if term is None:
                self._unknown_choice(name, item, vocabulary)
            elif term.value not in found:
                found.append(term.value)
        return tuple(found) or default

    def description(self, render: bool = True) -> tuple[str, str] | None:
        """The description as sanitised HTML and as plain text (both "" when not rendering).

        None, with a problem, when it is too long, has too much markup to render
        safely, or Markdown fails on it (e.g. lists nested hundreds deep).
        """
        body = self.source.body
        if len(body) > MAX_BODY_CHARS:
            self.body_error("body_too_long", length=len(body), limit=MAX_BODY_CHARS)
            return None
        brackets = max(body.count("["), body.count("<"))
        if brackets > MAX_BODY_BRACKETS:
            self.body_error("body_markup", count=brackets, limit=MAX_BODY_BRACKETS)
            return None
        if not render:
            return "", ""
        try:
            html = render_markdown(body)
        except (RecursionError, ValueError, IndexError) as exc:
            self.body_error("render_failed", error=type(exc).__name__)
            return None
        return html, html_to_text(html)

    def translations(self) -> tuple[Translation, ...]:
        """``Title-en:``, ``Summary-uk:`` ...: the submitter's own translations, by language.

        The suffix must be a language the portal has an interface for; ``-nb`` is
        refused because the plain field already is bokmål.
        """
        found: dict[str, dict[str, str]] = {}
        languages = [code for code in interface_languages() if code != SOURCE_LANGUAGE]
        for f in self.source.fields.values():
            base, _, lang = f.name.rpartition("-")
            if base not in self.translatable:
                continue
            if lang == SOURCE_LANGUAGE:
                self.error("translation_in_source_language", f.name, label=field_label(base))
                continue
            if lang not in languages:
                self.error("unknown_translation_language", f.name, language=lang,
                           languages=", ".join(languages), **suggestion_hint(lang, languages))
                continue
            if text := self.text(f.name):
                found.setdefault(lang, {})[base] = text
        return tuple(Translation(lang, **texts) for lang, texts in sorted(found.items()))

    def _unknown_choice(self, name: str, value: str, vocabulary: Vocabulary) -> None:
        hint = suggestion_hint(value, vocabulary.values())
        # "barn og voksne" for two values: suggest them as a list.
        parts = [vocabulary.get(p) for p in re.split(r"\s+(?:og|and|&|\+)\s+|\s*/\s*", value)]
        if len(parts) > 1 and all(parts):
            hint = {"hint": Message("hint_did_you_mean", {"value": ", ".join(t.value for t in parts)})}
        self.error("unknown_choice", name, value=value, choices=", ".join(vocabulary.values()), **hint)

    def link(self, name: str) -> str:
        """An http(s)/mailto link; unsafe or malformed links are reported and dropped."""
        value = self.text(name)
        if not value:
            return ""
        link = classify_link(value)
        if link is None or link.href is None:
            self.error("unsafe_link", name, value=value)
            return ""
        return link.href

    def email(self, name: str) -> str:
        value = self.text(name)
        if value.casefold().startswith("mailto:"):
            value = value[len("mailto:"):]
        if value and not is_email(value):
            self.error("bad_email", name, value=value)
            return ""
        return value

    def image(self, name: str) -> str:
        """A picture in content/images/ (the only folder published as is).

        External (https://) pictures are refused: every visitor's browser would
        contact another site. SVG is refused: it can carry scripts.
        """
        value = self.text(name)
        if not value:
            return ""
        path = PurePosixPath(value.lstrip("/"))
        if path.parts[:1] != ("images",) and ":" not in value:
            path = PurePosixPath("images", *path.parts)  # "kaffe.jpg" means images/kaffe.jpg
        if ":" in value or ".." in path.parts or path.suffix.lower() not in IMAGE_SUFFIXES:
            self.error("bad_image", name, value=value)
            return ""
        return path.as_posix()

    def slug(self) -> str:
        """The URL slug: from ``Slug:`` if given, else from the file name (made URL-safe)."""
        written = self.text("slug") or PurePosixPath(self.source.path).stem
        slug = slugify(written)
        if not SLUG_RE.match(slug):
            self.error("bad_slug", "slug" if self.source.get("slug") else None, value=written)
        return slug
