"""Languages: catalogues complete and current, every page in every language, right to left."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, timedelta

import pytest
from aktivitetsportal.submissions.events import parse_event
from aktivitetsportal.submissions.sourcefile import parse_source_text
from aktivitetsportal.text.phrases import long_date
from aktivitetsportal.text.problem_messages import render_problem
from aktivitetsportal.text.translations import catalogue_path, language, translator
from babel.messages.pofile import read_po
from sitebuild import DEMO_TODAY
from sitebuild import ROOT as ROOT_DIR

LANGUAGES = ["nb", "nn", "en", "uk", "pl", "ar"]
TRANSLATED = LANGUAGES[1:]
TODAY = date.fromisoformat(DEMO_TODAY)
PLACEHOLDER = re.compile(r"\{\w*\}|%\(\w+\)s")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The messages the sources use now, extracted afresh as `make translations` does."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run([str(ROOT_DIR / ".venv" / "bin" / "pybabel") if (ROOT_DIR / ".venv").exists() else "pybabel", "-q",
                    "extract", "-F", "babel.cfg", "-k", "lazy_text", "-k", "N_", "--no-location",
                    "--omit-header", "-o", str(pot), "."], cwd=ROOT_DIR, check=True)
    with pot.open("rb") as fh:
        return read_po(fh)


def _catalogue(lang):
    with catalogue_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalogue_is_current_with_the_sources(template, lang):
    used = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    present = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalogue(lang) if m.id}
    assert sorted(used - present) == [], "missing: run `make translations`"
    assert sorted(present - used) == [], "obsolete: run `make translations`"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalogue_is_complete_and_not_fuzzy(lang):
    catalogue = _catalogue(lang)
    assert "native speaker" in (catalogue.header_comment or "")
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated in {lang}: {message.id!r}"
        assert not message.fuzzy, f"fuzzy in {lang}: {message.id!r}"
        source = message.id if isinstance(message.id, str) else message.id[-1]
        expected = set(PLACEHOLDER.findall(source))
        for text in strings:
            found = set(PLACEHOLDER.findall(text))
            # A plural form may spell its number out ("يومين", two days); nothing else may differ.
            ok = found <= expected if isinstance(message.id, tuple) else found == expected
            assert ok, f"placeholders differ in {lang}: {message.id!r} -> {text!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_front_page_in_each_language(page, lang):
    prefix = language(lang).prefix
    front = page(prefix)
    html = front.find("html")
    assert html["lang"] == lang
    assert html["dir"] == ("rtl" if lang == "ar" else "ltr")
    headings = [h.get_text(" ", strip=True) for h in front.select(".day h2")]
    assert headings[0] == translator(lang).gettext("I dag, {date}").format(date=long_date(TODAY, lang))
    assert headings[1] == translator(lang).gettext("I morgen, {date}").format(date=long_date(TODAY + timedelta(days=1), lang))
    assert headings[2] == long_date(TODAY + timedelta(days=2), lang)
    if lang not in ("nb", "nn"):  # nynorsk also says "I dag"
        assert not headings[0].startswith("I dag")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["", "kalender/", "arrangement/trim-for-kvinner/", "foreninger/", "tilskudd/",
                                  "om/", "slik-sender-du-inn/"])
def test_language_switch_and_hreflang_lead_to_existing_pages(demo_output, page, lang, path):
    doc = page(language(lang).prefix + path)
    switch = doc.select(".language-switch a")
    assert [a["hreflang"] for a in switch] == LANGUAGES
    assert [a.get_text() for a in switch][:3] == ["Norsk bokmål", "Norsk nynorsk", "English"]
    assert [a["lang"] for a in switch if a.get("aria-current")] == [lang]
    alternates = doc.select('link[rel=alternate][hreflang]')
    assert [link["hreflang"] for link in alternates] == LANGUAGES
    for link in switch + alternates:
        target = link["href"].removeprefix("/")
        assert (demo_output / target / "index.html").exists(), target
        assert target.endswith(path)


def test_association_text_keeps_its_language_inside_other_languages(page):
    event = page("en/arrangement/trim-for-kvinner/")
    title = event.find("h1")
    assert title.get("lang") == "nb" or title.find_parent(attrs={"lang": "nb"}) is not None
    assert event.select_one(".description").get("lang") == "nb"
    assert page("arrangement/trim-for-kvinner/").select_one(".description").get("lang") is None


def test_content_pages_use_their_translation_or_say_they_are_norwegian(page):
    assert page("en/om/").find("html")["lang"] == "en"
    assert "About" in page("en/om/").find("h1").get_text()
    assert page("uk/slik-sender-du-inn/").find("html")["lang"] == "uk"


def test_category_audience_and_price_words_are_translated(page):
    filters = {}
    for span in page("en/arrangement/trim-for-kvinner/").select("[data-pagefind-filter]"):
        filters.setdefault(span["data-pagefind-filter"], []).append(span.get_text())
    assert filters["kategori"] == ["Sport and exercise"] and filters["type"] == ["Event"]
    assert filters["for"] == ["Adults"] and filters["pris"] == ["Free"]
    assert page("uk/kategori/idrett/").find("h1").get_text(strip=True) == "Спорт і тренування"
    assert page("ar/for/barn/").find("h1").get_text(strip=True) != "For barn"


@pytest.mark.parametrize("lang, title, summary_start", [
    ("en", "Language café", "Practise Norwegian"),
    ("uk", "Мовне кафе", "Практикуйте"),
    ("ar", "مقهى اللغة", "تدرّب"),
])
def test_an_organizers_own_translation_is_shown_in_its_language(page, lang, title, summary_start):
    event = page(f"{lang}/arrangement/sprakkafe-pa-biblioteket/")
    heading = event.find("h1")
    assert heading.get_text(strip=True) == title and heading.get("lang") is None
    assert event.select_one("p.lead").get_text().startswith(summary_start)
    assert event.select_one(".description").get("lang") == "nb"  # the Norwegian text stays
    listed = page(f"{lang}/kategori/laering/").find("a", string=title)
    assert listed is not None and listed.get("lang") is None


def test_without_a_translation_the_norwegian_title_is_marked_norwegian(page):
    nynorsk = page("nn/arrangement/sprakkafe-pa-biblioteket/").find("h1")
    assert nynorsk.get_text(strip=True) == "Språkkafé" and nynorsk["lang"] == "nb"
    bokmal = page("arrangement/sprakkafe-pa-biblioteket/")
    assert bokmal.find("h1").get_text(strip=True) == "Språkkafé" and bokmal.select_one("p.lead") is None


def test_an_associations_own_summary_replaces_the_register_line(page):
    entry = page("en/foreninger/").find("a", string="Flere Farger Toten").find_parent("li")
    line = entry.select_one(".register-line")
    assert line.get_text().startswith("An association for everyone") and line.get("lang") is None
    nb_entry = page("foreninger/").find("a", string="Flere Farger Toten").find_parent("li")
    assert nb_entry.select_one(".register-line").get_text().startswith("Flere Farger Toten er")


def test_translation_fields_are_checked(tmp_path):
    text = ("Title: Språkkafé\nTitle-en: Language café\nSummary-ukr: Кава\nTitle-nb: Språkkafé\n"
            "Start: 2026-12-01 18:00\nDuration: 2h\nLocation: Biblioteket\n"
            "Organizer: flere-farger-toten\nCategory: læring\n\nBeskrivelse.\n")
    event, problems = parse_event(parse_source_text(text, "events/flere-farger-toten/x.md"))
    assert event is None
    shown = {p.field: render_problem(p) for p in problems}
    assert "«ukr» er ikke et av språkene" in shown["summary-ukr"] and "Mente du «uk»?" in shown["summary-ukr"]
    assert "linje 3, feltet Summary-ukr" in shown["summary-ukr"]
    assert "Skriv «Title:» i stedet" in shown["title-nb"]
    good, problems = parse_event(parse_source_text(text.replace("Summary-ukr", "Summary-uk").replace(
        "Title-nb: Språkkafé\n", ""), "events/flere-farger-toten/x.md"))
    assert problems == [] and good.translation("en").title == "Language café"
    assert good.translation("uk").summary == "Кава" and good.translation("pl") is None


@pytest.mark.parametrize("lang, word", [("nb", "Filen mangler feltene"), ("en", "The file has no fields"),
                                         ("uk", None), ("ar", None)])
def test_validator_speaks_the_language_asked_for(tmp_path, lang, word):
    (tmp_path / "events" / "lag").mkdir(parents=True)
    (tmp_path / "events" / "lag" / "x.md").write_text("Bare tekst uten felt\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "aktivitetsportal.commands.validate", str(tmp_path),
                             "--lang", lang], capture_output=True, text=True)
    assert result.returncode == 1
    expected = word or translator(lang).gettext(
        "Filen mangler feltene øverst. Start filen med feltene, én per linje, og så én tom linje "
        "før beskrivelsen, for eksempel:\n{example_header}").split("\n")[0][:20]
    assert expected in result.stdout
    assert "events/lag/x.md" in result.stdout
