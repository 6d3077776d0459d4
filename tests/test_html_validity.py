"""The Nu Html Checker (vnu.jar from npm, run with Java) finds no errors on a page of every type."""

from __future__ import annotations

import json
import shutil
import subprocess

from sitebuild import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: One page of every type, in bokmål, and the right-to-left and English variants of some.
PAGES = [
    "index.html", "kalender/index.html", "kalender/uke/2026-48/index.html", "kalender/2026-12/index.html",
    "kalender/arkiv/index.html", "kategori/index.html", "kategori/sosialt/index.html", "for/barn/index.html",
    "gratis/index.html", "arrangement/trim-for-kvinner/index.html", "arrangement/julemarked-pa-eina/index.html",
    "foreninger/index.html", "foreninger/raufoss-pensjonistforening/index.html",
    "foreninger/kategori/idrett/index.html", "tilskudd/index.html", "tilskudd/frifond/index.html",
    "tilskudd/type/kommunal/index.html", "abonner/index.html", "sok/index.html", "apne-data/index.html",
    "om/index.html", "personvern/index.html", "slik-sender-du-inn/index.html", "404.html",
    "ar/index.html", "ar/arrangement/trim-for-kvinner/index.html", "ar/kalender/2026-12/index.html",
    "en/foreninger/index.html", "en/tilskudd/index.html",
]


def test_pages_of_every_type_are_valid_html(demo_output):
    java = shutil.which("java")
    assert java, "Java is needed for the HTML checker: apt-get install default-jre-headless"
    assert VNU.is_file(), "The HTML checker is missing: run `npm ci` (make test does)"
    missing = [p for p in PAGES if not (demo_output / p).is_file()]
    assert missing == []
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *PAGES],
                            cwd=demo_output, capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '').rsplit('/', 3)[-2:]}: line {m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] == "error"]
    assert errors == []
