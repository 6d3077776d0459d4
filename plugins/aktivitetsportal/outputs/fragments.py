"""Rendered fragments of pages (an event's row or card): made once per build, kept for the next.

A week page lists some 300 rows and a month page 1,000, each the same on every page that lists
it: the theme renders each one once per build and language (``once`` in the templates). With
PORTAL_CACHE the fragments are also kept between builds, one file per language: a rebuild after
one edit renders the rows of the edited event again, not the rows of every other event on the
weeks and months it changes (half of those pages' time at M).

A fragment's key names everything it shows besides the build's constants (code, theme,
catalogues, settings, the register: see the plugin's page key), the language and SITEURL. A key
made of simple values and dataclasses (by their :func:`.fingerprint`) is kept; any other is
used within this build only, by the objects' identity.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from aktivitetsportal.outputs.fingerprints import fingerprint
from aktivitetsportal.submissions.stored import load_labelled, save_kept

__all__ = ["Fragments"]

_SIMPLE = (str, int, bool, type(None))
#: Marks a dataclass's fingerprint in a kept key (a string value of the key is itself).
_FINGERPRINT = "fingerprint"


class Fragments:
    """The fragments of one build; :meth:`save` keeps them for the next (when given a folder)."""

    def __init__(self, folder: Path | None = None, constants: str | None = None, memo: dict | None = None,
                 wrap: Callable[[str], str] = str) -> None:
        """``folder``: where the fragments are kept, ``constants``: what every page depends on
        (a kept file made under others is not used), ``memo``: the build's fingerprints by
        identity, ``wrap``: what a kept text is made into (the templates' Markup)."""
        self._folder = folder if constants is not None else None
        self._constants = constants
        self._memo = {} if memo is None else memo
        self._wrap = wrap
        self._by_identity: dict[tuple, tuple] = {}
        self._kept: dict[str, dict[tuple, str]] = {}
        self._new: dict[str, dict[tuple, str]] = {}
        self._changed: set[str] = set()

    def get(self, code: str, siteurl: str | None, name: str, key: tuple, make: Callable[[], str]) -> str:
        """The fragment ``name`` for ``key`` in language ``code``: kept, or ``make()`` now."""
        kept_key = self._kept_key(siteurl, name, key)
        if kept_key is None:
            full = (code, siteurl, name, *(item if isinstance(item, _SIMPLE) else id(item) for item in key))
            if full not in self._by_identity:  # the key's objects are kept alive with it: ids stay theirs
                self._by_identity[full] = (key, make())
            return self._by_identity[full][1]
        texts = self._language(code)
        text = texts.get(kept_key)
        if text is None:
            text = texts[kept_key] = make()
            self._new.setdefault(code, {})[kept_key] = text
            self._changed.add(code)
        return text

    def take_new(self) -> dict[str, dict[tuple, str]]:
        """The kept fragments made here since the last call (a forked process returns them)."""
        new, self._new = self._new, {}
        return {code: {key: str(text) for key, text in texts.items()} for code, texts in new.items()}

    def add(self, new: dict[str, dict[tuple, str]]) -> None:
        """Fragments another process made (:meth:`take_new`)."""
        for code, texts in new.items():
            known = self._language(code)
            for key, text in texts.items():
                if key not in known:
                    known[key] = self._wrap(text)
                    self._changed.add(code)

    def save(self) -> None:
        """Keep the fragments of this build's data for the next build, one file per language.

        A fragment of an object this build did not fingerprint (an old version of an edited
        event's occurrence) is dropped: the file holds what the site shows now.
        """
        if self._folder is None:
            return
        live = {known[1] for known in self._memo.values()}
        for code, texts in self._kept.items():
            current = {key: text for key, text in texts.items() if _made_of(key, live)}
            if code not in self._changed and len(current) == len(texts):
                continue
            save_kept(self._file(code), (self._constants, {key: str(text) for key, text in current.items()}))

    def _kept_key(self, siteurl: str | None, name: str, key: tuple) -> tuple | None:
        if self._folder is None:
            return None
        parts = [siteurl, name]
        for item in key:
            if isinstance(item, _SIMPLE):
                parts.append(item)
            elif dataclasses.is_dataclass(item) and not isinstance(item, type):
                parts.append((_FINGERPRINT, fingerprint(item, self._memo)))
            else:
                return None
        return tuple(parts)

    def _language(self, code: str) -> dict[tuple, str]:
        """The kept fragments of a language, read from its file when first asked for."""
        if code not in self._kept:
            label, texts = load_labelled(self._file(code)) if self._folder is not None else (None, {})
            self._kept[code] = {key: self._wrap(text) for key, text in texts.items()} if label == self._constants else {}
        return self._kept[code]

    def _file(self, code: str) -> Path:
        return self._folder / f"fragments-{code}.pickle"


def _made_of(key: tuple, live: set[str]) -> bool:
    """Whether every object a kept key names is in this build's data."""
    return all(part[1] in live for part in key if isinstance(part, tuple))
