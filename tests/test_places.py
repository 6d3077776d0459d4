"""Near me: places (tettsteder) from the postcode in Location, with pages, cards and a search filter."""

from __future__ import annotations

import subprocess
import sys

import pytest
from aktivitetsportal.domain.places import PlaceIndex
from aktivitetsportal.settings import PortalSettings, SettingsError
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.text.problem_messages import render_problem
from sitebuild import DEMO_CONTENT, DEMO_TODAY, ROOT

PLACES = {"2830": "Raufoss", "2831": "Raufoss", "2840": "Reinsvoll", "2843": "Eina", "2846": "Bøverbru"}


def test_a_place_comes_from_the_postcode_in_the_address():
    index = PlaceIndex(tuple(PLACES.items()))
    assert index.of("Frivilligsentralen, Storgata 1, 2830 Raufoss").name == "Raufoss"
    assert index.of("Postboks 12, 2831 Raufoss").slug == "raufoss"
    assert index.of("Eina grendehus, Einavegen 12, 2843 Eina").name == "Eina"
    assert index.of("Skistua") is None and index.of("Gjøvik stadion, 2815 Gjøvik") is None
    assert [p.name for p in index.places] == ["Bøverbru", "Eina", "Raufoss", "Reinsvoll"]


def test_places_setting_is_checked():
    settings = PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY, "PORTAL_PLACES": PLACES})
    assert ("2840", "Reinsvoll") in settings.places
    with pytest.raises(SettingsError, match="PORTAL_PLACES"):
        PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY, "PORTAL_PLACES": {"28300": "Raufoss"}})


def test_an_unknown_postcode_is_a_warning_not_an_error(content_copy):
    event = next((content_copy / "events").rglob("tirsdagskaffe*.md"))
    event.write_text(event.read_text(encoding="utf-8").replace("2830 Raufoss", "2815 Gjøvik"), encoding="utf-8")
    catalog = load_catalog(content_copy, places=PLACES)
    [warning] = [p for p in catalog.warnings if p.code == "unknown_postcode"]
    assert catalog.errors == [] and any(e.slug.startswith("tirsdagskaffe") for e in catalog.events)
    message = render_problem(warning)
    assert "ADVARSEL" in message and "Postnummeret 2815" in message and "2840 Reinsvoll" in message
    assert not any(p.code == "unknown_postcode" for p in load_catalog(content_copy).warnings)


def test_validate_checks_postcodes_with_the_sites_settings(content_copy):
    event = next((content_copy / "events").rglob("tirsdagskaffe*.md"))
    event.write_text(event.read_text(encoding="utf-8").replace("2830 Raufoss", "2815 Gjøvik"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "aktivitetsportal.commands.validate", str(content_copy),
                             "--settings", str(ROOT / "pelicanconf.py")], capture_output=True, text=True)
    assert result.returncode == 0 and "Postnummeret 2815" in result.stdout


def test_each_place_has_a_page_with_its_events(page):
    raufoss = page("sted/raufoss/")
    links = [a["href"] for a in raufoss.select(".summary-title a")]
    assert "/arrangement/tirsdagskaffe-pa-frivilligsentralen/" in links
    assert "/arrangement/julemarked-pa-eina/" not in links
    eina = [a["href"] for a in page("sted/eina/").select(".summary-title a")]
    assert eina and all(a != "/arrangement/tirsdagskaffe-pa-frivilligsentralen/" for a in eina)
    index = page("steder/")
    assert [a.get_text() for a in index.select(".term-list a")] == ["Bøverbru", "Eina", "Raufoss", "Reinsvoll"]


def test_cards_show_the_place(page):
    row = next(r for r in page("").select("li.occurrence")
               if r.select_one(".occ-title a")["href"] == "/arrangement/tirsdagskaffe-pa-frivilligsentralen/")
    assert row.select_one(".occ-area").get_text(" ", strip=True) == "Område: Raufoss"


def test_search_has_a_place_filter(page):
    filters = [(s["data-pagefind-filter"], s.get_text()) for s in
               page("en/arrangement/julemarked-pa-eina/").select("[data-pagefind-filter]")]
    assert ("sted", "Eina") in filters


def test_demo_content_has_no_unknown_postcodes():
    catalog = load_catalog(DEMO_CONTENT, places=PLACES, render=False)
    assert [p.path for p in catalog.warnings if p.code == "unknown_postcode"] == []
