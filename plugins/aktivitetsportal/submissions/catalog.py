"""Load a whole content folder: every event, association and grant, once.

:func:`load_catalog` is the single entry point shared by the Pelican build and
the ``validate`` command, so both always agree on what is valid. Checks that
span files live here: unknown organizers, duplicate slugs and names.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path, PurePosixPath

from aktivitetsportal.parallel import share_work
from aktivitetsportal.submissions.assignments import parse_assignment
from aktivitetsportal.submissions.associations import parse_association
from aktivitetsportal.submissions.equipment import parse_equipment
from aktivitetsportal.submissions.events import parse_event
from aktivitetsportal.submissions.grants import parse_grant
from aktivitetsportal.submissions.models import (
    Assignment,
    Association,
    EquipmentItem,
    Event,
    Grant,
    Venue,
)
from aktivitetsportal.submissions.parse_cache import ParseCache, inputs_digest
from aktivitetsportal.submissions.problems import Problem
from aktivitetsportal.submissions.sourcefile import MAX_FILE_BYTES, read_source
from aktivitetsportal.submissions.values import postcode_in
from aktivitetsportal.submissions.venues import parse_venue

__all__ = [
    "Catalog", "load_catalog", "symbolic_links", "SYMLINK", "organizer_lookup", "name_lookup",
    "EVENTS_DIR", "ASSOCIATIONS_DIR", "GRANTS_DIR", "ASSIGNMENTS_DIR", "VENUES_DIR", "EQUIPMENT_DIR",
]

EVENTS_DIR = "events"
ASSOCIATIONS_DIR = "associations"
GRANTS_DIR = "grants"
ASSIGNMENTS_DIR = "assignments"
VENUES_DIR = "venues"
EQUIPMENT_DIR = "equipment"
#: Files parsed as one unit of work when several processes share the parsing.
PARSE_BLOCK = 50


@dataclass(slots=True)
class Catalog:
    """Everything valid in a content folder, and every problem found."""

    events: list[Event] = field(default_factory=list)
    associations: dict[str, Association] = field(default_factory=dict)
    grants: list[Grant] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    venues: dict[str, Venue] = field(default_factory=dict)
    equipment: list[EquipmentItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def invalid_files(self) -> list[str]:
        return sorted({p.path for p in self.errors})

    @property
    def blocking(self) -> list[Problem]:
        """Problems that stop every build, also one that skips invalid files: symbolic links,
        which Pelican would follow out of content/ when it copies pictures and pages."""
        return [p for p in self.problems if p.code == SYMLINK]


#: Problem code of a symbolic link in the content folder.
SYMLINK = "symlink"


def symbolic_links(root: Path) -> list[Problem]:
    """Every symbolic link in the content folder (files and folders), never followed."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder, name)
            if path.is_symlink():
                found.append(Problem(path.relative_to(root).as_posix(), SYMLINK))
    return sorted(found, key=lambda p: p.path)


def _markdown_files(folder: Path) -> list[Path]:
    """All ``*.md`` files below ``folder`` in a stable order (hidden files skipped)."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.rglob("*")
        if p.suffix.lower() in {".md", ".markdown"} and p.is_file() and not p.is_symlink()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def load_catalog(content_dir: str | Path, *, render: bool = True,
                 places: Mapping[str, str] | None = None, cache: ParseCache | None = None,
                 processes: int = 1) -> Catalog:
    """Read and validate every file under events/, associations/, grants/, venues/,
    assignments/ and equipment/.

    ``places`` (postcode -> place, the PORTAL_PLACES setting): an event or assignment whose
    Location, or a venue whose Address, has a postcode that is not in it gets a warning (it
    will be on no place page).

    ``cache``: files whose bytes and parser inputs are unchanged since it was filled are not
    parsed again (:mod:`.parse_cache`); the checks across files are always made.

    ``processes``: files are parsed by this many processes at once (:mod:`aktivitetsportal.parallel`).
    """
    root = Path(content_dir)
    catalog = Catalog(problems=symbolic_links(root) if root.is_dir() else [])

    def parse_all(subdir: str, parser):
        catalog.problems.extend(_stray_files(root, subdir))
        inputs = inputs_digest(parser, render=render) if cache is not None else ""
        paths = {path.relative_to(root).as_posix(): path for path in _markdown_files(root / subdir)}
        catalog.files_read += len(paths)
        results, keys = {}, {}
        for rel, path in paths.items():
            if cache is not None and path.stat().st_size <= MAX_FILE_BYTES:
                keys[rel] = cache.key(path.read_bytes(), inputs)
                cached = cache.get(rel, keys[rel])
                if cached is not None:
                    results[rel] = cached
        todo = [rel for rel in paths if rel not in results]

        def parse_block(block: list[str]) -> list[tuple[object, list[Problem]]]:
            return [_parse_file(paths[rel], root, parser, render) for rel in block]

        blocks = [todo[start:start + PARSE_BLOCK] for start in range(0, len(todo), PARSE_BLOCK)]
        for block, parsed in zip(blocks, share_work(blocks, parse_block, processes)):
            for rel, result in zip(block, parsed):
                results[rel] = result
                if rel in keys:
                    cache.put(rel, keys[rel], result)
        items = []
        for rel in paths:
            item, problems = results[rel]
            catalog.problems.extend(problems)
            if item is not None:
                items.append(item)
        return _drop_duplicate_slugs(items, catalog.problems)

    associations = parse_all(ASSOCIATIONS_DIR, parse_association)
    associations = _drop_duplicate_names(associations, catalog.problems)
    catalog.associations = {a.slug: a for a in associations}
    catalog.grants = parse_all(GRANTS_DIR, parse_grant)
    lookup = organizer_lookup(catalog.associations.values())
    # Venues before what names them: events, assignments and equipment may name a venue.
    catalog.venues = {v.slug: _checked_picture(v, "image", root, catalog.problems)
                      for v in parse_all(VENUES_DIR, partial(parse_venue, owners=lookup))}
    venues = name_lookup(catalog.venues.values())
    broken = {PurePosixPath(p.path).stem for p in catalog.errors if p.path.startswith(ASSOCIATIONS_DIR + "/")}
    catalog.events = parse_all(EVENTS_DIR, partial(parse_event, organizers=lookup, venues=venues,
                                                   broken_organizers=frozenset(broken - set(lookup))))
    catalog.events = [_located_at_venue(_checked_picture(e, "image", root, catalog.problems), catalog.venues)
                      for e in catalog.events]
    catalog.assignments = parse_all(ASSIGNMENTS_DIR, partial(
        parse_assignment, organizers=lookup, venues=venues, events={e.slug: e.slug for e in catalog.events}))
    catalog.equipment = parse_all(EQUIPMENT_DIR, partial(parse_equipment, owners=lookup, venues=venues))
    for kind in ("assignments", "equipment"):
        setattr(catalog, kind, [_checked_picture(item, "image", root, catalog.problems)
                                for item in getattr(catalog, kind)])
    if places:
        for items, attribute in ((catalog.events, "location"), (catalog.assignments, "location"),
                                 (catalog.venues.values(), "address")):
            catalog.problems.extend(_unknown_postcodes(items, attribute, places))
    catalog.associations = {slug: _checked_picture(a, "logo", root, catalog.problems)
                            for slug, a in catalog.associations.items()}
    return catalog


def _parse_file(path: Path, root: Path, parser, render: bool) -> tuple[object, list[Problem]]:
    """One file's (item or None, problems); a parser's crash is a problem of that file."""
    try:
        return parser(read_source(path, root), render=render)
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the others
        return None, [Problem(path.relative_to(root).as_posix(), "unreadable", params={"error": type(exc).__name__})]


def _unknown_postcodes(items, attribute: str, places: Mapping[str, str]) -> list[Problem]:
    known = ", ".join(f"{code} {name}" for code, name in sorted(places.items()))
    return [
        Problem(item.source_path, "unknown_postcode", field=attribute, severity="warning",
                params={"value": code, "places": known})
        for item in items if (code := postcode_in(getattr(item, attribute))) and code not in places
    ]


def _located_at_venue(event: Event, venues: Mapping[str, Venue]) -> Event:
    """An event that names a venue and no Location is at the venue's name and address."""
    if event.location or event.venue not in venues:
        return event
    venue = venues[event.venue]
    return replace(event, location=f"{venue.name}, {venue.address}")


def _checked_picture(item, attribute: str, root: Path, problems: list[Problem]):
    """Drop a picture whose file is missing (with a warning), keeping the item itself."""
    picture = getattr(item, attribute)
    if not picture or (root / picture).is_file():
        return item
    problems.append(Problem(item.source_path, "image_missing", field=attribute,
                            params={"value": picture}, severity="warning"))
    return replace(item, **{attribute: ""})


def name_lookup(items) -> dict[str, str]:
    """What a file may write to name a venue (slug or exact name, any case) -> its slug."""
    lookup = {" ".join(item.name.casefold().split()): item.slug for item in items}
    lookup.update({item.slug: item.slug for item in items})
    return lookup


def organizer_lookup(associations) -> dict[str, str]:
    """What an event may write in Organizer (slug or exact name, any case) -> association slug."""
    lookup: dict[str, str] = {}
    for a in associations:
        lookup.setdefault(" ".join(a.name.casefold().split()), a.slug)
    for a in associations:
        lookup[a.slug] = a.slug
    return lookup


_IGNORED_NAMES = {"readme", "readme.md", "readme.txt", "thumbs.db", "desktop.ini"}


def _stray_files(root: Path, subdir: str) -> list[Problem]:
    """Files that will not be read (``kaffe.md.txt``, ``kaffe.docx``): say so rather than skip silently."""
    folder = root / subdir
    if not folder.is_dir():
        return []
    problems = []
    for path in sorted(folder.rglob("*")):
        rel_parts = path.relative_to(folder).parts
        if (path.is_symlink() or not path.is_file() or path.suffix.lower() in {".md", ".markdown"}
                or any(part.startswith(".") for part in rel_parts) or path.name.lower() in _IGNORED_NAMES):
            continue
        stem = path.name.split(".")[0] or "arrangement"
        problems.append(Problem(path.relative_to(root).as_posix(), "not_markdown",
                                params={"suggestion": f"{stem}.md"}))
    return problems


def _drop_duplicate_slugs(items: list, problems: list[Problem]) -> list:
    """Keep the first item (by path) of each slug; report the others."""
    kept: dict[str, object] = {}
    for item in items:
        if item.slug in kept:
            problems.append(Problem(item.source_path, "duplicate_slug", params={
                "slug": item.slug, "other": kept[item.slug].source_path}))
        else:
            kept[item.slug] = item
    return list(kept.values())


def _drop_duplicate_names(associations: list[Association], problems: list[Problem]) -> list[Association]:
    seen: dict[str, Association] = {}
    kept = []
    for a in associations:
        key = " ".join(a.name.casefold().split())
        if key in seen:
            problems.append(Problem(a.source_path, "duplicate_name", field="name", params={
                "value": a.name, "other": seen[key].source_path}))
        else:
            seen[key] = a
            kept.append(a)
    return kept
