"""Parsed files kept between builds: a file whose bytes and inputs are unchanged is not parsed again.

An entry is keyed by the file's path, a SHA-256 of its bytes and a digest of everything its
parser is given besides the file (render or not, the register's names an Organizer or Venue
may use...). The whole cache belongs to one version of this package's code: after any change
to it the cache starts empty, so a fixed parser never serves an old result. Only entries used
by the last build are saved, so the cache does not grow with deleted files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

from aktivitetsportal.submissions.stored import load_labelled, save_kept

__all__ = ["ParseCache", "code_version", "inputs_digest"]

_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def code_version() -> str:
    """A digest of every Python file of the package: parsed results are only valid for it."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _canonical(value) -> str:
    """A repr that does not depend on hash order (sets and dicts sorted)."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{_canonical(k)}:{_canonical(v)}" for k, v in
                              sorted(value.items(), key=lambda item: repr(item[0]))) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(_canonical(v) for v in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_canonical(v) for v in value) + "]"
    return repr(value)


def inputs_digest(parser: Callable, **extra) -> str:
    """What a parser (a function, or a ``partial`` with the register's lookups) is given."""
    keywords = dict(extra)
    while isinstance(parser, partial):
        keywords.update(parser.keywords)
        parser = parser.func
    text = f"{parser.__module__}.{parser.__qualname__}{_canonical(keywords)}"
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class ParseCache:
    """Parse results by file path: ``(key, result)``; ``result`` is what the parser returned."""

    entries: dict[str, tuple[str, object]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    #: The files parsed again in this build: new or changed since the cache was filled.
    missed: set[str] = field(default_factory=set)
    hits: int = 0
    misses: int = 0

    @classmethod
    def load(cls, path: Path) -> ParseCache:
        """The cache saved at ``path``, or an empty one (none yet, unreadable, other code)."""
        version, entries = load_labelled(path)
        return cls(entries if version == code_version() else {})

    def save(self, path: Path) -> None:
        """Write the entries this build used (atomically: a stopped build leaves the old file)."""
        save_kept(path, (code_version(), {name: entry for name, entry in self.entries.items() if name in self.used}))

    @staticmethod
    def key(raw: bytes, inputs: str) -> str:
        return hashlib.sha256(raw + b"\0" + inputs.encode()).hexdigest()

    def get(self, name: str, key: str):
        """The cached result for file ``name`` with ``key``, or None."""
        self.used.add(name)
        entry = self.entries.get(name)
        if entry is not None and entry[0] == key:
            self.hits += 1
            return entry[1]
        self.misses += 1
        self.missed.add(name)
        return None

    def put(self, name: str, key: str, result) -> None:
        self.entries[name] = (key, result)
