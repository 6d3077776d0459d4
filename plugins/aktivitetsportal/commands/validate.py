"""Check every submitted file: ``python -m aktivitetsportal.commands.validate content/``.

Uses the same :func:`load_catalog` as the build, so a file this command
accepts is a file the build accepts. Prints every problem with file, line,
field, what is wrong and what to write instead (bokmål; ``--lang nn|en|uk|pl|ar`` for another
language).

Only some files: name them (``validate content events/lag/kaffe.md``, or ``--files``), or
``--changed-since origin/main`` for the files under the content folder that differ from where
the branch left ``origin/main`` (as a pull request shows them; untracked files too, deleted
files left out). The whole folder is still read, because organizers and duplicate names need
it, but only problems in those files are reported, and problems the change causes in other
files (an event whose association was changed or removed, a slug taken twice, a removed
picture). ``--format markdown`` prints a short report for a comment on a pull request.

Exit status: 0 when the files are valid (warnings allowed), 1 when any is invalid, 2 when the
folder or a named file does not exist, or git cannot compare with the reference.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from aktivitetsportal.commands.cli import (
    add_language_option,
    add_settings_option,
    existing_folder,
    message_text,
    site_places,
)
from aktivitetsportal.keys import N_
from aktivitetsportal.parallel import available_cores
from aktivitetsportal.submissions.catalog import ASSOCIATIONS_DIR, load_catalog
from aktivitetsportal.submissions.problems import Problem
from aktivitetsportal.text.problem_messages import format_problems
from aktivitetsportal.text.problem_report import markdown_report

__all__ = ["main", "changed_files", "GitError"]

_OK = N_("Alt i orden: {files} filer sjekket ({events} arrangementer, {associations} foreninger, {grants} tilskudd).")
_BAD = N_("{invalid} av {files} filer har feil. Rett feilene over og kjør sjekken på nytt.")
_WARNINGS = N_("{count} advarsel(er): filene blir publisert, men se over dem.")
_CHOSEN_OK = N_("Alt i orden: {files} valgte filer sjekket.")
_NOTHING_CHOSEN = N_("Ingen innsendte filer å sjekke i denne endringen.")
_AFFECTED = N_("Disse filene er ikke endret her, men får feil på grunn av endringen:")
_UNTOUCHED = N_("Andre filer med feil fra før: {count}. De er ikke en del av denne endringen.")
_NO_FILE = N_("Fant ikke filen {path}.")
_OUTSIDE = N_("Filen {path} ligger ikke i innholdsmappen {content}.")
_BAD_REF = N_("Fant ikke «{ref}» i git. Skriv en gren eller en commit som finnes, for eksempel «origin/main» (hent den først med «git fetch»).")
_GIT_FAILED = N_("Kunne ikke spørre git om endrede filer i {content}: {error}")


class GitError(Exception):
    """git could not say what changed: ``ref`` is unknown (``unknown_ref``) or git failed."""

    def __init__(self, detail: str, unknown_ref: bool = False):
        super().__init__(detail)
        self.unknown_ref = unknown_ref


def _git(folder: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                                encoding="utf-8", check=False)
    except OSError as exc:  # git is not installed
        raise GitError(str(exc)) from exc
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {args[0]}: exit {result.returncode}")
    return result.stdout


def changed_files(folder: Path, ref: str) -> tuple[set[str], set[str]]:
    """Files under ``folder`` changed since the branch left ``ref``: (changed or added, deleted).

    Paths are relative to ``folder`` with forward slashes. Compared with the point where the
    branch left ``ref`` (``git merge-base``), so work done on ``ref`` since is not counted,
    and with the working tree, so uncommitted and untracked (not ignored) files count too.
    """
    try:
        _git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError as exc:
        raise GitError(str(exc), unknown_ref=True) from exc
    try:
        base = _git(folder, "merge-base", ref, "HEAD").strip()
    except GitError:  # no common history (or a shallow clone): compare with ref itself
        base = ref
    # -z: names exactly as they are (git would quote "æ"); --no-renames: a rename is a new
    # file and a deleted one; --relative: paths relative to the folder, and only inside it.
    status = _git(folder, "diff", "--name-status", "--no-renames", "--relative", "-z", base, "--", ".")
    untracked = _git(folder, "ls-files", "--others", "--exclude-standard", "-z", "--", ".")
    fields = status.split("\0")
    changed, deleted = set(), set()
    for kind, path in zip(fields[0::2], fields[1::2]):
        (deleted if kind == "D" else changed).add(path)
    changed.update(path for path in untracked.split("\0") if path)
    return changed, deleted


def _named_file(written: str, root: Path) -> str | None:
    """A file named on the command line, relative to the content folder, or None if missing.

    Accepted relative to the current folder (``content/events/x.md``, as git names it) or to
    the content folder (``events/x.md``, as the problems name it). Raises ValueError when
    the file is outside the content folder.
    """
    here = Path(os.path.abspath(written))
    inside = Path(os.path.abspath(root))
    if here.exists():
        if not here.is_relative_to(inside):
            raise ValueError(written)
        return here.relative_to(inside).as_posix()
    in_content = Path(os.path.abspath(root / written))
    if in_content.exists() and in_content.is_relative_to(inside):
        return in_content.relative_to(inside).as_posix()
    return None


def _in(path: str, chosen: Collection[str]) -> bool:
    """Is ``path`` one of the chosen files, or inside a chosen folder?"""
    return any(path == name or path.startswith(name.rstrip("/") + "/") or name == "."
               for name in chosen)


def _caused_by_change(problem: Problem, touched: Collection[str]) -> bool:
    """Does a problem in another file come from a changed or deleted file?"""
    params = problem.params
    if problem.code == "organizer_invalid":
        return _in(params.get("path", ""), touched)
    if problem.code == "unknown_organizer":
        return _in(f"{ASSOCIATIONS_DIR}/{params.get('slug', '')}.md", touched)
    if problem.code == "image_missing":
        return _in(params.get("value", ""), touched)
    return _in(str(params.get("other", "")), touched)  # a slug or a name taken twice


def _split(problems: Iterable[Problem], chosen: Collection[str], touched: Collection[str]):
    """Problems in the chosen files; those the change causes elsewhere; the paths of other invalid files."""
    mine, affected, others = [], [], set()
    for problem in problems:
        if _in(problem.path, chosen):
            mine.append(problem)
        elif _caused_by_change(problem, touched):
            affected.append(problem)
        elif problem.is_error:
            others.add(problem.path)
    caused = {p.path for p in affected}
    return mine, affected, len(others - caused)


def _chosen_files(args, root: Path, text: Callable[[str], str]) -> tuple[set[str], set[str]] | None:
    """The files to report on and every touched file (deleted too); None after saying what is wrong."""
    chosen, touched = set(), set()
    for written in [*args.files, *args.more_files]:
        try:
            name = _named_file(written, root)
        except ValueError:
            print(text(_OUTSIDE).format(path=written, content=root), file=sys.stderr)
            return None
        if name is None:
            print(text(_NO_FILE).format(path=written), file=sys.stderr)
            return None
        chosen.add(name)
    if args.changed_since:
        try:
            changed, deleted = changed_files(root, args.changed_since)
        except GitError as exc:
            message = _BAD_REF if exc.unknown_ref else _GIT_FAILED
            print(text(message).format(ref=args.changed_since, content=root, error=exc), file=sys.stderr)
            return None
        chosen |= changed
        touched |= deleted
    return chosen, touched | chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m aktivitetsportal.commands.validate",
        description="Sjekk arrangementer, foreninger og tilskudd før publisering.",
    )
    parser.add_argument("content", nargs="?", default="content", help="content folder (default: content)")
    parser.add_argument("files", nargs="*", default=[],
                        help="only these files (or folders), relative to the content folder or to here")
    parser.add_argument("--files", dest="more_files", nargs="+", default=[], metavar="FILE",
                        help="only these files, as the positional list")
    parser.add_argument("--changed-since", metavar="REF",
                        help="only files changed since the branch left REF (e.g. origin/main), "
                             "uncommitted and untracked files included")
    parser.add_argument("--format", choices=("text", "markdown"), default="text",
                        help="text (default), or markdown for a comment on a pull request")
    add_settings_option(parser)
    add_language_option(parser)
    args = parser.parse_args(argv)
    text = message_text(parser, args.lang)
    root = existing_folder(args.content, text)
    if root is None:
        return 2
    selection = None
    if args.files or args.more_files or args.changed_since:
        selection = _chosen_files(args, root, text)
        if selection is None:
            return 2
    # Rendered too, and with the same places, exactly as the build does.
    catalog = load_catalog(root, places=site_places(args.settings), processes=available_cores())
    if selection is None:
        return _report_all(catalog, args, text)
    chosen, touched = selection
    mine, affected, untouched = _split(catalog.problems, chosen, touched)
    if args.format == "markdown":
        print(markdown_report(mine, files=len(chosen), affected=affected,
                              untouched_invalid=untouched, lang=args.lang), end="")
    else:
        _print_chosen(mine, affected, untouched, len(chosen), args.lang, text)
    return 1 if any(p.is_error for p in mine + affected) else 0


def _report_all(catalog, args, text: Callable[[str], str]) -> int:
    """Every file, as the build sees them."""
    if args.format == "markdown":
        print(markdown_report(catalog.problems, files=catalog.files_read, lang=args.lang), end="")
        return 1 if catalog.errors else 0
    if catalog.problems:
        print(format_problems(catalog.problems, args.lang))
        print()
    counts = {
        "files": catalog.files_read,
        "events": len(catalog.events),
        "associations": len(catalog.associations),
        "grants": len(catalog.grants),
    }
    if catalog.warnings:
        print(text(_WARNINGS).format(count=len(catalog.warnings)))
    if catalog.errors:
        print(text(_BAD).format(invalid=len(catalog.invalid_files), **counts))
        return 1
    print(text(_OK).format(**counts))
    return 0


def _print_chosen(mine: list[Problem], affected: list[Problem], untouched: int, files: int,
                  lang: str, text: Callable[[str], str]) -> None:
    """The chosen files' problems as text, then those the change causes in other files."""
    if mine:
        print(format_problems(mine, lang))
        print()
    if affected:
        print(text(_AFFECTED))
        print(format_problems(affected, lang))
        print()
    everything = mine + affected
    if warnings := sum(not p.is_error for p in everything):
        print(text(_WARNINGS).format(count=warnings))
    if invalid := len({p.path for p in everything if p.is_error}):
        print(text(_BAD).format(invalid=invalid, files=files + len({p.path for p in affected})))
    elif files:
        print(text(_CHOSEN_OK).format(files=files))
    else:
        print(text(_NOTHING_CHOSEN))
    if untouched:
        print(text(_UNTOUCHED).format(count=untouched))


if __name__ == "__main__":
    sys.exit(main())
