"""Fingerprints of planned data: equal for equal data, in every process.

Caches between builds (:mod:`.output_cache`, the calendar files of :mod:`.ical`) key what they
keep by the fingerprint of what it was made from. Data of a type :func:`fingerprint` does
not know raises :class:`Unfingerprintable`: the caller then makes it anew, never stale.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, datetime, time, timedelta
from enum import Enum
from pathlib import Path

from aktivitetsportal.text.translations import Lazy

__all__ = ["Unfingerprintable", "fingerprint", "files_digest"]


class Unfingerprintable(Exception):
    """Raised for data whose value cannot be told from its type (the page is not cached)."""


_SIMPLE = (str, int, float, bool, bytes, type(None), date, datetime, time, timedelta)
_EXACT_SIMPLE = frozenset(_SIMPLE)
#: The field names of each dataclass met, in order (dataclasses.fields() builds them each call).
_FIELDS: dict[type, tuple[str, ...]] = {}


def fingerprint(value, memo: dict[int, tuple]) -> str:
    """A text that is equal for equal data (dataclasses, containers, dates, lazy texts...).

    ``memo`` holds the fingerprints of dataclass instances by identity (with the instance, so
    that no other object can take its id while ``memo`` lives): give one memo per build.
    """
    kind = type(value)
    # Fast paths for the exact types most values have; the checks below decide the rest.
    if kind in _EXACT_SIMPLE:
        return repr(value)
    if kind is list or kind is tuple:
        # Simple items inline: most items are, and a call per item is most of the time taken.
        return "[" + ",".join([repr(item) if type(item) in _EXACT_SIMPLE else fingerprint(item, memo)
                               for item in value]) + "]"
    if kind in _FIELDS:
        return _dataclass_fingerprint(value, _FIELDS[kind], memo)
    if isinstance(value, _SIMPLE):
        return repr(value)
    if isinstance(value, Enum):
        return f"{kind.__qualname__}.{value.name}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join([fingerprint(item, memo) for item in value]) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(sorted([f"{fingerprint(k, memo)}:{fingerprint(v, memo)}"
                                      for k, v in value.items()])) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted([fingerprint(item, memo) for item in value])) + "}"
    if isinstance(value, Lazy):
        return (f"Lazy({value.func.__module__}.{value.func.__qualname__}"
                f"{fingerprint(value.args, memo)}{fingerprint(value.kwargs, memo)})")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        _FIELDS[kind] = names = tuple(f.name for f in dataclasses.fields(value))
        return _dataclass_fingerprint(value, names, memo)
    raise Unfingerprintable(kind.__qualname__)


def _dataclass_fingerprint(value, names: tuple[str, ...], memo: dict[int, tuple]) -> str:
    known = memo.get(id(value))
    if known is None:
        parts = ",".join([f"{name}={repr(field) if type(field) in _EXACT_SIMPLE else fingerprint(field, memo)}"
                          for name in names for field in (getattr(value, name),)])
        # The memo keeps the instance alive, so its id is never reused by another object.
        known = memo[id(value)] = (value, hashlib.sha256(
            f"{type(value).__qualname__}({parts})".encode()).hexdigest())
    return known[1]


def files_digest(paths) -> str:
    """A digest of the names and bytes of ``paths`` (files), in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(Path(p) for p in paths):
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
