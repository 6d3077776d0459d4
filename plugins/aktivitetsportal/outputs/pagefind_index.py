"""Make Pagefind's index byte-identical between builds of the same site.

Pagefind (1.5) writes its page fragments deterministically, but the filter
indexes list filter values in hash-map order, which changes from run to run
(Pagefind issue #638), and their file names are content hashes. We re-encode
every filter file with its values sorted, name it by the hash of the new
content, and rewrite the language's ``pf_meta`` file and
``pagefind-entry.json`` to match. The data is unchanged; only order is fixed.

Files are ``pagefind_dcd`` + CBOR, gzip-compressed (read with cbor2).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

__all__ = ["normalize_pagefind_index", "remove_unused_ui"]

#: Pagefind's ready-made UIs; the portal has its own search page (theme/static/js/search.js).
UNUSED_UI_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)

_MAGIC = b"pagefind_dcd"


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_MAGIC):
        raise ValueError(f"{path} is not a Pagefind data file")
    return cbor2.loads(data[len(_MAGIC):])


def _encode(value) -> bytes:
    return gzip.compress(_MAGIC + cbor2.dumps(value), compresslevel=9, mtime=0)


def _content_name(prefix: str, payload: bytes, length: int) -> str:
    return f"{prefix}_{hashlib.sha256(payload).hexdigest()[:length]}"


def normalize_pagefind_index(bundle: Path) -> None:
    """Rewrite the filter and meta files under ``bundle`` (``output/pagefind``) in a stable order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, old_hash in meta[3]:
            old_path = bundle / "filter" / f"{old_hash}.pf_filter"
            key, values = _read(old_path)
            canonical = [key, sorted([value, sorted(pages)] for value, pages in values)]
            payload = _encode(canonical)
            new_hash = _content_name(language, payload, 7)
            old_path.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(payload)
            filters.append([name, new_hash])
        meta[3] = sorted(filters)
        payload = _encode(meta)
        new_meta_hash = _content_name(language, payload, 10)
        meta_path.unlink()
        (bundle / f"pagefind.{new_meta_hash}.pf_meta").write_bytes(payload)
        info["hash"] = new_meta_hash
    entry["languages"] = dict(sorted(entry["languages"].items()))  # Pagefind lists them in thread order
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def remove_unused_ui(bundle: Path) -> None:
    """Delete Pagefind's bundled UIs (about 420 kB) that no page of the portal loads."""
    for name in UNUSED_UI_FILES:
        (bundle / name).unlink(missing_ok=True)
