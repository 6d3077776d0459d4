"""A corpus of the mistakes people make: never a crash, and the build agrees with the validator."""

import subprocess
import sys

from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.text.problem_messages import problem_message, render_problem
from sitebuild import build_site
from test_validation import GOOD_EVENT, make_content, replace

CORPUS: dict[str, str | bytes] = {
    "ok.md": GOOD_EVENT,
    "tom.md": "",
    "bare-tekst.md": "Kaffe på tirsdag kl 10, alle velkommen!\n",
    "yaml.md": "---\n" + GOOD_EVENT.replace("\n\n", "\n---\n\n", 1),
    "tabs.md": GOOD_EVENT.replace(": ", ":\t"),
    "crlf.md": GOOD_EVENT.replace("\n", "\r\n").encode("utf-8"),
    "bom.md": ("\ufeff" + GOOD_EVENT).encode("utf-8"),
    "latin1.md": GOOD_EVENT.replace("Tirsdagskaffe", "Kaffe på Bøverbru").encode("latin-1"),
    "utf16.md": GOOD_EVENT.encode("utf-16"),
    "binary.md": bytes(range(256)) * 4,
    "ingen-tom-linje.md": GOOD_EVENT.replace("\n\n", "\n", 1),
    "norske-felt.md": GOOD_EVENT.replace("Title:", "Tittel:").replace("Location:", "Sted:"),
    "aeoa-felt.md": GOOD_EVENT.replace("Organizer:", "Arrangør:"),
    "dato-1.md": replace("Start", "1/12 kl 18"),
    "dato-2.md": replace("Start", "01.12.26 18:00"),
    "dato-3.md": replace("Start", "2026-12-1 18:00"),
    "dato-4.md": replace("Start", "i morgen"),
    "dato-5.md": replace("Start", "2026-12-01 24:00"),
    "dato-norsk.md": replace("Start", "1. desember 2026 kl. 18:00"),
    "spenn.md": replace("Duration", None, replace("Start", "2026-12-01 18:00-20:00")),
    "spenn-feil.md": replace("Duration", None, replace("Start", "2026-12-01 20:00-18:00")),
    "null-varighet.md": replace("Duration", "0min"),
    "negativ.md": replace("Duration", "-2h"),
    "enorm.md": replace("Duration", "99999999h"),
    "sommertid.md": replace("Start", "2027-03-28 02:15"),
    "ukjent-lag.md": replace("Organizer", "finnes-ikke"),
    "kategori.md": replace("Category", "fest"),
    "malgruppe.md": GOOD_EVENT.replace("Category: sosialt", "Category: sosialt\nAudience: tenåringer"),
    "gjentakelse.md": GOOD_EVENT.replace("Category: sosialt", "Category: sosialt\nRepeat: av og til"),
    "unntak.md": GOOD_EVENT.replace("Category: sosialt", "Category: sosialt\nRepeat: weekly\nExcept: 2026-12-02, jul"),
    "dobbelt-felt.md": GOOD_EVENT.replace("Category: sosialt", "Category: sosialt\nCategory: kultur"),
    "lang-verdi.md": replace("Title", "Kaffe " * 2000),
    "pris.md": replace("Title", "Kaffe").replace("Category: sosialt", "Category: sosialt\nPrice: billig"),
    "status.md": GOOD_EVENT.replace("Category: sosialt", "Category: sosialt\nStatus: kanskje"),
    "dyp-liste.md": GOOD_EVENT.replace("Kaffe og prat.", "- " * 2000 + "x"),
    "kaffe.md.txt": GOOD_EVENT,
    "notat.docx": b"PK\x03\x04 not really a document",
}


def corpus_content(tmp_path):
    return make_content(tmp_path, {f"lag/{name}": text for name, text in CORPUS.items()})


def test_every_broken_file_gets_a_located_message_and_valid_ones_are_kept(tmp_path):
    catalog = load_catalog(corpus_content(tmp_path))
    kept = {e.source_path.rsplit("/", 1)[1] for e in catalog.events}
    assert {"ok.md", "tabs.md", "crlf.md", "bom.md", "utf16.md", "dato-norsk.md", "dato-2.md", "spenn.md"} <= kept
    invalid = {p.path.rsplit("/", 1)[1] for p in catalog.errors}
    assert {"latin1.md", "binary.md", "tom.md", "dato-1.md", "kategori.md", "dyp-liste.md"} <= invalid
    assert kept.isdisjoint(invalid)
    # Every file is either kept or reported; nothing disappears without a word.
    assert set(CORPUS) <= kept | invalid | {p.path.rsplit("/", 1)[1] for p in catalog.warnings}
    for problem in catalog.errors:
        assert problem.path.startswith("events/lag/")
        assert problem_message(problem, "nb") and problem_message(problem, "en")
        assert problem.line is not None or problem.code in {
            "not_utf8", "no_header", "not_markdown", "unreadable", "duplicate_slug", "missing_field"}, render_problem(problem)


def test_validator_and_build_agree_on_the_corpus(tmp_path):
    content = corpus_content(tmp_path)
    result = subprocess.run([sys.executable, "-m", "aktivitetsportal.commands.validate", str(content)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    catalog = load_catalog(content)
    for path in catalog.invalid_files:
        assert path in result.stdout
    out = build_site(content, tmp_path / "out", PORTAL_SKIP_INVALID=True, PORTAL_SEARCH=False)
    built = {p.parent.name for p in (out / "arrangement").glob("*/index.html")}
    assert built == {e.slug for e in catalog.events}
