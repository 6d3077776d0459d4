"""Make Pagefind's index byte-identical between builds of the same site.

Pagefind (1.5) writes its page fragments deterministically, but the filter
indexes list filter values in hash-map order, which changes from run to run
(Pagefind issue #638), and their file names are content hashes. We re-encode
every filter file with its values sorted, name it by the hash of the new
content, and rewrite the language's ``pf_meta`` file and
``pagefind-entry.json`` to match. The data is unchanged; only order is fixed.

Files are ``pagefind_dcd`` + CBOR, gzip-compressed (read with cbor2).

A build may leave the last build's page fragments in place for Pagefind: it does not write
a content-named ("immutable") file that is already there, which at M saves it two thirds of
its time. Names are only 7 hex digits of a hash, so only the fragments of pages whose HTML
is unchanged are left (Pagefind makes exactly the same fragment again); if a new fragment
still gets a left file's name (Pagefind resolves a clash within one run by lengthening one
name, in page order), two pages then point to one page's fragment, which
:func:`fragment_urls` shows. The files no language refers to are removed afterwards
(:func:`remove_unreferenced`).
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import json
from pathlib import Path

import cbor2
from pagefind.service import get_executable

__all__ = ["BUNDLE", "bundle_label", "fragment_urls", "normalize_pagefind_index", "page_file",
           "referenced_files", "remove_unreferenced", "remove_unused_ui"]

#: Pagefind's folder in the output folder.
BUNDLE = "pagefind"
#: Pagefind's folders of content-named files, and the suffix of the files in each.
NAMED_BY_CONTENT = {"fragment": ".pf_fragment", "index": ".pf_index", "filter": ".pf_filter"}

#: Pagefind's ready-made UIs; the portal has its own search page (theme/static/js/search.js).
UNUSED_UI_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)

_MAGIC = b"pagefind_dcd"


def _payload(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_MAGIC):
        raise ValueError(f"{path} is not a Pagefind data file")
    return data[len(_MAGIC):]


def _read(path: Path):
    return cbor2.loads(_payload(path))


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


def bundle_label() -> str:
    """What a bundle's content-named files depend on besides their content: which Pagefind
    (PAGEFIND_BINARY_PATH or PATH may name another binary than the package's) and its version."""
    return f"pagefind {importlib.metadata.version('pagefind')} {get_executable()}"


def referenced_files(bundle: Path) -> set[str]:
    """The content-named files of the index (names relative to ``bundle``, ``fragment/x.pf_fragment``):
    each language's meta file and the page fragments, word index chunks and filters it names."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    files = set()
    for info in entry["languages"].values():
        meta_name = f"pagefind.{info['hash']}.pf_meta"
        _version, pages, chunks, filters, *_sorts = _read(bundle / meta_name)
        files.add(meta_name)
        files.update(f"fragment/{page[0]}.pf_fragment" for page in pages)
        files.update(f"index/{chunk[2]}.pf_index" for chunk in chunks)
        files.update(f"filter/{entry_hash}.pf_filter" for _name, entry_hash in filters)
    return files


def remove_unreferenced(bundle: Path, referenced: set[str]) -> None:
    """Delete the content-named files in ``bundle`` that are not in ``referenced`` (an earlier
    build's, of pages since changed or gone), so the bundle is what a fresh run writes."""
    for folder, suffix in NAMED_BY_CONTENT.items():
        for path in (bundle / folder).glob(f"*{suffix}"):
            if f"{folder}/{path.name}" not in referenced:
                path.unlink()
    for path in bundle.glob("pagefind.*.pf_meta"):
        if path.name not in referenced:
            path.unlink()


def fragment_urls(bundle: Path, names, known: dict[str, str]) -> dict[str, str]:
    """The page address each fragment file (``fragment/x.pf_fragment``) is the search data of:
    from ``known`` (left from the last build), else read from the file (JSON)."""
    return {name: known[name] if name in known else json.loads(_payload(bundle / name))["url"]
            for name in names}


def page_file(url: str) -> str:
    """The output file of a page Pagefind indexed: ``/en/arrangement/x/`` -> ``en/arrangement/x/index.html``."""
    path = url.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path
