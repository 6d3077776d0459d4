"""Several municipalities in one repository: Lørenskog (municipalities/lorenskog/) beside the
Vestre Toten demo (content/), each with its own name, places, languages, colours and logo.

One build of Lørenskog (module scope) as ``make html MUNICIPALITY=lorenskog`` makes it; the
Makefile is checked with ``make -n``, publishconf.py in a fresh interpreter.
"""

from __future__ import annotations

import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from aktivitetsportal.commands import validate
from aktivitetsportal.settings import PortalSettings, SettingsError
from axe_playwright_python.sync_playwright import Axe
from browser import serve
from sitebuild import ROOT, build_site, soup_of

LORENSKOG = ROOT / "municipalities" / "lorenskog"
#: Every municipality folder: each is built and its colours checked in the browser.
MUNICIPALITIES = sorted(p.parent.name for p in (ROOT / "municipalities").glob("*/settings.py"))
LANGUAGES = ["nb", "en", "uk", "pl", "ar"]
PLACES = ["Finstadjordet", "Fjellhamar", "Lørenskog sentrum", "Nordbyhagen", "Rasta", "Skårer"]
#: The environment of a command, without a MUNICIPALITY the test run may have been given.
CLEAN_ENV = {key: value for key, value in os.environ.items() if key not in ("MUNICIPALITY", "SITEURL")}


def build_municipality(name: str, content: Path, output: Path) -> Path:
    """Build as `make html MUNICIPALITY=<name>` does: pelicanconf.py reads MUNICIPALITY."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("MUNICIPALITY", name)
        return build_site(content, output)


@pytest.fixture(scope="module")
def municipality_site(tmp_path_factory):
    """``municipality_site("lorenskog")`` -> its built output (each built once per module)."""
    built: dict[str, Path] = {}

    def site(name: str) -> Path:
        if name not in built:
            output = tmp_path_factory.mktemp(name) / "output"
            built[name] = build_municipality(name, ROOT / "municipalities" / name / "content", output)
        return built[name]

    return site


@pytest.fixture(scope="module")
def lorenskog_output(municipality_site) -> Path:
    return municipality_site("lorenskog")


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def make_dry_run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True,
                          env=CLEAN_ENV, check=False)


def pelican_line(result: subprocess.CompletedProcess) -> str:
    """The line of `make -n` that runs Pelican (the install lines may come before it)."""
    return next(line for line in result.stdout.splitlines() if "/pelican " in line)


# --- the Lørenskog site ---------------------------------------------------------------------

def test_every_page_names_lorenskog(lorenskog_output):
    front = soup_of(lorenskog_output / "index.html")
    assert front.select_one(".site-name a").get_text(" ", strip=True) == "Aktivitetsportalen Lørenskog"
    assert front.h1.get_text(strip=True) == "Hva skjer i Lørenskog"
    assert "Lørenskog frivilligsentral" in front.select_one(".site-footer").get_text()
    for path in html_pages(lorenskog_output):
        text = path.read_text(encoding="utf-8")
        if 'class="site-name"' in text:
            assert "<span>Lørenskog</span>" in text, path
    for page in ("index.html", "om/index.html", "foreninger/index.html", "steder/index.html"):
        assert "Vestre Toten" not in (lorenskog_output / page).read_text(encoding="utf-8"), page


def test_places_are_lorenskogs(lorenskog_output):
    places = soup_of(lorenskog_output / "steder" / "index.html").find("main").get_text(" ")
    for place in PLACES:
        assert place in places
    assert "Raufoss" not in places
    assert sorted(p.name for p in (lorenskog_output / "sted").iterdir()) == [
        "finstadjordet", "fjellhamar", "lorenskog-sentrum", "nordbyhagen", "rasta", "skarer"]
    seniors = soup_of(lorenskog_output / "arrangement" / "seniortrim" / "index.html")
    assert "Fjellhamar" in seniors.find("main").get_text()


def test_languages_are_the_municipalitys_own(lorenskog_output):
    for code in LANGUAGES[1:]:
        assert (lorenskog_output / code / "index.html").exists(), code
    assert not (lorenskog_output / "nn").exists()
    front = soup_of(lorenskog_output / "index.html")
    alternates = [link["hreflang"] for link in front.select('link[rel="alternate"][hreflang]')]
    assert alternates == LANGUAGES
    switch = [a["lang"] for a in front.select(".language-switch a")]
    assert switch == LANGUAGES
    # A page of the municipality's own in English, the others fall back to bokmål.
    assert soup_of(lorenskog_output / "en" / "om" / "index.html").h1.get_text(strip=True) == "About the activity portal"


def test_colours_reach_every_page_as_a_stylesheet(lorenskog_output):
    stylesheet = (lorenskog_output / "theme" / "css" / "municipality.css").read_text(encoding="utf-8")
    assert re.findall(r"--([\w-]+): (#[0-9a-f]{6});", stylesheet) == [
        ("brand", "#005f5a"), ("brand-dark", "#003f3c"), ("link", "#00605f")]
    checked = 0
    for path in html_pages(lorenskog_output):
        links = [link["href"] for link in soup_of(path).select('link[rel="stylesheet"]')]
        portal = [i for i, href in enumerate(links) if re.fullmatch(r"/theme/css/portal\.[0-9a-f]{10}\.css", href)]
        if portal:
            # After portal.css (fingerprinted), so its custom properties win.
            assert links.index("/theme/css/municipality.css") > portal[0], path
            checked += 1
    assert checked > 100


def test_logo_is_in_the_header(lorenskog_output):
    for page in ("index.html", "en/index.html", "ar/kalender/index.html"):
        link = soup_of(lorenskog_output / page).select_one(".site-name a")
        logo = link.find("img")
        assert logo["src"] == "/images/lorenskog-logo.png"
        assert logo["class"] == ["site-logo"]
        # The link names the site in words, so the logo in it is not read out a second time.
        assert logo["alt"] == ""
        assert "Lørenskog" in link.get_text()
    picture = (lorenskog_output / "images" / "lorenskog-logo.png").read_bytes()
    assert picture.startswith(b"\x89PNG\r\n\x1a\n")


def test_conference_and_prize_on_5_december(lorenskog_output):
    conference = soup_of(lorenskog_output / "arrangement" / "frivillighetskonferansen-2026" / "index.html")
    assert conference.h1.get_text(strip=True) == "Frivillighetskonferansen 2026"
    when = conference.find("main").get_text(" ", strip=True)
    assert "5. desember 2026" in when and "09:00" in when
    day = soup_of(lorenskog_output / "kalender" / "2026-12" / "index.html").find("main").get_text(" ")
    assert "Frivillighetskonferansen 2026" in day
    assert "Utdeling av Lørenskogs frivillighetspris 2026" in day
    calendar = (lorenskog_output / "kalender.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Oslo:20261205T090000" in calendar
    assert "DTSTART;TZID=Europe/Oslo:20261205T140000" in calendar
    assert (lorenskog_output / "arrangement" / "frivilligbors-2027" / "index.html").exists()
    assert (lorenskog_output / "frivillig" / "oppdrag" / "vertskap-frivillighetskonferansen" / "index.html").exists()


def test_form_opens_new_files_in_the_municipalitys_folder(lorenskog_output):
    schema = (lorenskog_output / "send-inn" / "skjema.json").read_text(encoding="utf-8")
    assert "/new/main/municipalities/lorenskog/content/" in schema
    assert "frivilligsentralen@lorenskog.example" in schema


@pytest.mark.parametrize("name", MUNICIPALITIES)
def test_municipality_colours_pass_wcag_contrast(municipality_site, browser, name):
    """axe-core's colour-contrast rule (4.5:1) and every WCAG 2.1 AA rule, with the colours applied."""
    settings = PortalSettings.from_mapping(runpy.run_path(str(ROOT / "municipalities" / name / "settings.py")))
    brand = dict(settings.colours).get("brand", "#0b4f6c")  # portal.css's own when not set
    brand_rgb = f"rgb({int(brand[1:3], 16)}, {int(brand[3:5], 16)}, {int(brand[5:7], 16)})"
    output = municipality_site(name)
    event = min(p.name for p in (output / "arrangement").iterdir() if p.is_dir())
    axe = Axe()
    with serve(output) as url:
        context = browser.new_context(locale="nb-NO")
        tab = context.new_page()
        try:
            for path in ("", "kalender/", f"arrangement/{event}/", "foreninger/", "tilskudd/",
                         f"{settings.languages[-1]}/"):
                assert tab.goto(f"{url}/{path}").status == 200
                header = tab.eval_on_selector(".site-header", "e => getComputedStyle(e).backgroundColor")
                assert header == brand_rgb
                if settings.logo:
                    assert tab.eval_on_selector(".site-logo", "e => e.naturalWidth") > 0
                results = axe.run(tab, options={"runOnly": {"type": "tag", "values": [
                    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
                violations = results.response["violations"]
                assert violations == [], (path, [(v["id"], v["nodes"][0]["html"][:120]) for v in violations])
                assert "color-contrast" in {rule["id"] for rule in results.response["passes"]}
        finally:
            context.close()


# --- the Vestre Toten demo stays as it was -------------------------------------------------

def test_vestre_toten_demo_is_unaffected(demo_output):
    front = soup_of(demo_output / "index.html")
    assert front.select_one(".site-name a").get_text(" ", strip=True) == "Aktivitetsportalen Vestre Toten"
    assert front.select_one(".site-logo") is None
    assert not (demo_output / "theme" / "css" / "municipality.css").exists()
    assert "/theme/css/municipality.css" not in [link["href"] for link in front.select('link[rel="stylesheet"]')]
    assert [link["hreflang"] for link in front.select('link[rel="alternate"][hreflang]')] == [
        "nb", "nn", "en", "uk", "pl", "ar"]
    assert (demo_output / "sted" / "raufoss" / "index.html").exists()
    assert not (demo_output / "sted" / "fjellhamar").exists()
    assert "/new/main/content/" in (demo_output / "send-inn" / "skjema.json").read_text(encoding="utf-8")


# --- settings, Makefile and publishing -----------------------------------------------------

def test_every_municipality_folder_validates(capsys):
    assert "lorenskog" in MUNICIPALITIES
    for folder in (ROOT / "municipalities" / name for name in MUNICIPALITIES):
        assert validate.main([str(folder / "content"), "--settings", str(folder / "settings.py")]) == 0, folder
    assert "Alt i orden" in capsys.readouterr().out


def test_settings_refuse_unsafe_colours_and_logos():
    def settings(**values):
        return PortalSettings.from_mapping({"PORTAL_TODAY": "2026-11-23", **values})

    assert settings(PORTAL_COLOURS={"brand": "#005F5A"}).colours == (("brand", "#005f5a"),)
    assert settings(PORTAL_LOGO="logo.png").logo == "images/logo.png"
    assert settings(PORTAL_LOGO="images/logo.webp").logo == "images/logo.webp"
    assert settings(PORTAL_REPOSITORY_FOLDER="municipalities/lorenskog/content/").repository_folder == \
        "municipalities/lorenskog/content"
    for colours in ({"brand": "red"}, {"brand": "#fff"}, {"brand": "#005f5a; } body { display: none"},
                    {"background": "#005f5a"}, ["#005f5a"]):
        with pytest.raises(SettingsError, match="PORTAL_COLOURS"):
            settings(PORTAL_COLOURS=colours)
    for logo in ("images/logo.svg", "https://example.no/logo.png", "../logo.png", "/etc/logo.png",
                 "javascript:alert(1).png", "images/logo"):
        with pytest.raises(SettingsError, match="PORTAL_LOGO"):
            settings(PORTAL_LOGO=logo)
    for folder in ("", "../other/content", "content with space"):
        with pytest.raises(SettingsError, match="PORTAL_REPOSITORY_FOLDER"):
            settings(PORTAL_REPOSITORY_FOLDER=folder)


def test_a_missing_logo_stops_the_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(LORENSKOG / "content", content)
    (content / "images" / "lorenskog-logo.png").unlink()
    with pytest.raises(Exception, match="PORTAL_LOGO: fant ikke images/lorenskog-logo.png"):
        build_municipality("lorenskog", content, tmp_path / "output")
    assert not (tmp_path / "output" / "index.html").exists()


def test_an_unknown_municipality_names_the_known_ones(monkeypatch):
    monkeypatch.setenv("MUNICIPALITY", "lørenskog")
    with pytest.raises(SystemExit, match=r"Ukjent kommune «lørenskog».*lorenskog"):
        runpy.run_path(str(ROOT / "pelicanconf.py"))
    result = make_dry_run("html", "MUNICIPALITY=oslo")
    assert result.returncode != 0
    assert "Ukjent kommune «oslo»" in result.stderr and "lorenskog" in result.stderr


def test_make_builds_each_municipality_into_its_own_folder():
    assert pelican_line(make_dry_run("html", "MUNICIPALITY=lorenskog")).split() == [
        "MUNICIPALITY=lorenskog", ".venv/bin/pelican", "municipalities/lorenskog/content",
        "-o", "output-lorenskog", "-s", "pelicanconf.py"]
    assert pelican_line(make_dry_run("publish", "MUNICIPALITY=lorenskog")).split()[-4:] == [
        "-o", "output-lorenskog", "-s", "publishconf.py"]
    # The default is the Vestre Toten demo, as before.
    assert pelican_line(make_dry_run("html")).split() == [
        "MUNICIPALITY=", ".venv/bin/pelican", "content", "-o", "output", "-s", "pelicanconf.py"]
    check = make_dry_run("check", "MUNICIPALITY=lorenskog").stdout
    assert "aktivitetsportal.commands.check output-lorenskog" in check
    assert "validate municipalities/lorenskog/content --settings pelicanconf.py" in " ".join(
        make_dry_run("validate", "MUNICIPALITY=lorenskog").stdout.split())


def test_publishconf_takes_the_municipalitys_address():
    script = ("from pelican.settings import read_settings; s = read_settings('publishconf.py'); "
              "print(s['SITEURL'], s['PORTAL_MUNICIPALITY'], os.path.basename(s['OUTPUT_PATH']))")

    def published(**env):
        result = subprocess.run([sys.executable, "-c", "import os; " + script], cwd=ROOT, capture_output=True,
                                text=True, env={**CLEAN_ENV, **env}, check=True)
        return result.stdout.strip().splitlines()[-1]

    assert published(MUNICIPALITY="lorenskog") == "https://aktiviteter.lorenskog.example Lørenskog output-lorenskog"
    assert published() == "https://aktiviteter.vestre-toten.example Vestre Toten output"
    assert published(MUNICIPALITY="lorenskog", SITEURL="https://frivillig.lorenskog.no").startswith(
        "https://frivillig.lorenskog.no Lørenskog")
