"""Languages: catalogues complete and current, every page in every language, right to left."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, timedelta

import pytest
from aktivitetsportal.text.phrases import long_date
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
    assert headings[0] == translator(lang).gettext("I dag")
    assert headings[1] == translator(lang).gettext("I morgen")
    assert headings[2] == long_date(TODAY + timedelta(days=2), lang)
    if lang not in ("nb", "nn"):  # nynorsk also says "I dag"
        assert headings[0] != "I dag"


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


def test_english_search_labels_find_free_and_children(page):
    event = page("en/arrangement/trim-for-kvinner/")
    filters = {span["data-pagefind-filter"]: span.get_text() for span in event.select("[data-pagefind-filter]")}
    assert filters["kategori"] != "" and filters["type"] == "Event"


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
