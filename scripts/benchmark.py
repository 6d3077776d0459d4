"""Time a full build with many synthetic events: ``make benchmark`` (or -n 5000).

Copies the demo associations, grants and pages, adds N generated events (a
third of them weekly groups), builds with pelicanconf.py into a temporary
folder and prints the wall time, the number of occurrences and pages written.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_content(target: Path, count: int, seed: int = 1) -> None:
    shutil.copytree(ROOT / "content", target, ignore=shutil.ignore_patterns("events"))
    organizers = sorted(p.stem for p in (target / "associations").glob("*.md"))
    categories = ["kultur", "idrett", "friluftsliv", "sosialt", "helse", "læring", "møte", "annet"]
    rng = random.Random(seed)
    for i in range(count):
        organizer = organizers[i % len(organizers)]
        start = date(2026, 11, 23) + timedelta(days=rng.randrange(-30, 330))
        repeat = "Repeat: weekly until 2027-06-30\n" if i % 3 == 0 and start < date(2027, 6, 1) else ""
        folder = target / "events" / organizer
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"arrangement-{i:05d}.md").write_text(
            f"Title: Arrangement nummer {i}\nStart: {start.isoformat()} {rng.randrange(8, 21):02d}:00\n"
            f"Duration: 90min\nLocation: Storgata {i % 40}, 2830 Raufoss\nOrganizer: {organizer}\n"
            f"Category: {categories[i % len(categories)]}\nPrice: {rng.choice(['gratis', '50', '100/50'])}\n"
            f"{repeat}\nEn beskrivelse med **litt** tekst om arrangement {i}.\n",
            encoding="utf-8",
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--events", type=int, default=2000)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tests"))
    from sitebuild import build_site  # the same build the tests use

    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        make_content(content, args.events)
        started = time.perf_counter()
        out = build_site(content, Path(tmp) / "output")
        elapsed = time.perf_counter() - started
        html = sum(1 for _ in out.rglob("*.html"))
        files = sum(1 for p in out.rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"{args.events} events: build {elapsed:.2f} s, {html} HTML pages, {files} files, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
