"""`make validate` on the files a change touches, and its Markdown report for pull requests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from aktivitetsportal.commands.validate import changed_files
from aktivitetsportal.submissions.problems import Problem
from aktivitetsportal.text.problem_report import (
    MAX_PROBLEMS,
    fenced,
    markdown_report,
    markdown_text,
)
from aktivitetsportal.text.translations import translator
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

ASSOCIATIONS = {
    "raufoss-pensjonistforening": "Name: Raufoss og omegn pensjonistforening\nCategory: eldre\n\nVi møtes.\n",
    "toten-turlag": "Name: Toten Turlag\nCategory: friluftsliv\n\nTurer.\n",
}


def event(title: str = "Tirsdagskaffe", organizer: str = "raufoss-pensjonistforening", **fields) -> str:
    values = {"Title": title, "Start": "2026-12-01 10:00", "Duration": "2h",
              "Location": "Frivilligsentralen, Storgata 1, 2830 Raufoss", "Organizer": organizer,
              "Category": "sosialt", **fields}
    return "".join(f"{key}: {value}\n" for key, value in values.items() if value is not None) + "\nKaffe og prat.\n"


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                             "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                            cwd=repo, capture_output=True, text=True, check=True)
    return result.stdout


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository with content/ on main (one old file invalid already), on a branch "endring"."""
    repo = tmp_path / "repo"
    content = repo / "content"
    for slug, text in ASSOCIATIONS.items():
        write(content, f"associations/{slug}.md", text)
    write(content, "events/raufoss-pensjonistforening/tirsdagskaffe.md", event())
    write(content, "events/toten-turlag/fjelltur.md", event("Fjelltur", "toten-turlag", Category="friluftsliv"))
    write(content, "events/raufoss-pensjonistforening/gammel-feil.md", event("Gammel", Category="fest"))
    write(repo, "README.md", "Portal\n")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Start")
    git(repo, "checkout", "-q", "-b", "endring")
    return repo


def validate(repo: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "aktivitetsportal.commands.validate", *args],
                          cwd=cwd or repo, capture_output=True, text=True, check=False)


def test_only_the_changed_files_are_reported(repo):
    content = repo / "content"
    write(content, "events/raufoss-pensjonistforening/julemiddag.md", event("Julemiddag", Start="2026-12-24 kl. 18"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Julemiddag")
    result = validate(repo, "content", "--changed-since", "main")
    assert result.returncode == 1
    assert "FEIL: events/raufoss-pensjonistforening/julemiddag.md, linje 2, feltet Start:" in result.stdout
    assert "Mente du «Start: 2026-12-24 18:00»?" in result.stdout
    assert "gammel-feil.md" not in result.stdout  # invalid on main already: not this change's fault
    assert "1 av 1 filer har feil" in result.stdout
    assert "Andre filer med feil fra før: 1." in result.stdout


def test_a_valid_change_passes_although_other_files_are_invalid(repo):
    write(repo / "content", "events/toten-turlag/skitur.md", event("Skitur", "toten-turlag", Category="friluftsliv"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Skitur")
    result = validate(repo, "content", "--changed-since", "main")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Alt i orden: 1 valgte filer sjekket." in result.stdout


def test_uncommitted_untracked_and_renamed_files_count_and_deleted_ones_do_not(repo):
    content = repo / "content"
    write(content, "events/toten-turlag/fjelltur.md", event("Fjelltur", "toten-turlag", Category="fjell"))  # modified
    write(content, "events/toten-turlag/ny-tur.md", event("Ny tur", "toten-turlag", Category="friluftsliv"))  # untracked
    write(content, "events/toten-turlag/kåfe og prat.md", event("Kafé", "toten-turlag"))  # untracked, quoted by git
    git(repo, "mv", "content/events/raufoss-pensjonistforening/tirsdagskaffe.md",
        "content/events/raufoss-pensjonistforening/kaffe.md")
    git(repo, "rm", "-q", "content/events/raufoss-pensjonistforening/gammel-feil.md")
    write(repo, "README.md", "Changed, but not content\n")
    changed, deleted = changed_files(content, "main")
    assert changed == {"events/toten-turlag/fjelltur.md", "events/toten-turlag/ny-tur.md",
                       "events/toten-turlag/kåfe og prat.md", "events/raufoss-pensjonistforening/kaffe.md"}
    assert deleted == {"events/raufoss-pensjonistforening/tirsdagskaffe.md",
                       "events/raufoss-pensjonistforening/gammel-feil.md"}
    result = validate(repo, "content", "--changed-since", "main")
    assert result.returncode == 1
    assert "events/toten-turlag/fjelltur.md, linje 6, feltet Category: «fjell»" in result.stdout
    assert "1 av 4 filer har feil" in result.stdout


def test_work_done_on_the_base_branch_since_is_not_counted(repo):
    git(repo, "checkout", "-q", "main")
    write(repo / "content", "events/toten-turlag/feil-pa-main.md", event("Feil", "toten-turlag", Category="x"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "On main")
    git(repo, "checkout", "-q", "endring")
    write(repo / "content", "events/toten-turlag/skitur.md", event("Skitur", "toten-turlag"))
    assert changed_files(repo / "content", "main") == ({"events/toten-turlag/skitur.md"}, set())


def test_a_removed_association_breaks_its_events_and_is_reported(repo):
    git(repo, "rm", "-q", "content/associations/toten-turlag.md")
    result = validate(repo, "content", "--changed-since", "main")
    assert result.returncode == 1
    assert "Disse filene er ikke endret her, men får feil på grunn av endringen:" in result.stdout
    assert "FEIL: events/toten-turlag/fjelltur.md, linje 5, feltet Organizer:" in result.stdout


def test_a_new_file_that_takes_an_existing_slug_is_reported_with_the_file_it_breaks(repo):
    # "aaa/" sorts before "raufoss-pensjonistforening/": the new file is kept, the old one dropped.
    write(repo / "content", "events/aaa/tirsdagskaffe.md", event())
    result = validate(repo, "content", "--changed-since", "main", "--format", "markdown")
    assert result.returncode == 1
    assert "events/raufoss\\-pensjonistforening/tirsdagskaffe\\.md" in result.stdout
    assert "får feil på grunn av endringen" in result.stdout


def test_an_unknown_reference_or_a_folder_outside_git_is_exit_2(repo, tmp_path):
    result = validate(repo, "content", "--changed-since", "origin/finnes-ikke")
    assert result.returncode == 2
    assert "Fant ikke «origin/finnes-ikke» i git." in result.stderr
    outside = tmp_path / "utenfor"
    write(outside, "events/a/b.md", event())
    assert validate(outside, ".", "--changed-since", "main").returncode == 2


def test_no_changed_content_is_all_right(repo):
    write(repo, "README.md", "Only the README\n")
    result = validate(repo, "content", "--changed-since", "main")
    assert result.returncode == 0
    assert "Ingen innsendte filer å sjekke i denne endringen." in result.stdout
    markdown = validate(repo, "content", "--changed-since", "main", "--format", "markdown")
    assert markdown.returncode == 0 and markdown.stdout.startswith("## ✅ Alt i orden\n")


def test_named_files_relative_to_here_or_to_the_content_folder(repo):
    content = repo / "content"
    positional = validate(repo, "content", "content/events/raufoss-pensjonistforening/gammel-feil.md")
    assert positional.returncode == 1 and "gammel-feil.md, linje 6, feltet Category" in positional.stdout
    listed = validate(repo, "content", "--files", "events/raufoss-pensjonistforening/tirsdagskaffe.md",
                      "events/toten-turlag/fjelltur.md")
    assert listed.returncode == 0 and "Alt i orden: 2 valgte filer sjekket." in listed.stdout
    folder = validate(content, ".", "events/toten-turlag", cwd=content)
    assert folder.returncode == 0
    missing = validate(repo, "content", "events/finnes-ikke.md")
    assert missing.returncode == 2 and "Fant ikke filen events/finnes-ikke.md." in missing.stderr
    outside = validate(repo, "content", "README.md")
    assert outside.returncode == 2 and "ligger ikke i innholdsmappen" in outside.stderr


def test_without_a_choice_every_file_is_checked_as_before(repo):
    result = validate(repo, "content")
    assert result.returncode == 1
    assert "FEIL: events/raufoss-pensjonistforening/gammel-feil.md" in result.stdout
    assert "1 av 5 filer har feil" in result.stdout


# -- the Markdown report ----------------------------------------------------------------------

def rendered(markdown: str) -> BeautifulSoup:
    """The report as a Markdown renderer that lets HTML through shows it (GitHub sanitises less)."""
    html = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown)
    return BeautifulSoup(html, "html.parser")


def test_markdown_report_has_a_verdict_and_a_section_per_file_with_errors_and_warnings_apart(repo):
    content = repo / "content"
    write(content, "events/toten-turlag/tur.md", event("Tur", "toten-turlag", Category="fjell", Start="2026-10-25 02:30"))
    write(content, "events/toten-turlag/uten-felter.md", "Bare tekst uten felter, skrevet i e-posten.\n")
    result = validate(repo, "content", "--changed-since", "main", "--format", "markdown")
    assert result.returncode == 1
    doc = rendered(result.stdout)
    assert doc.find("h2").get_text() == "❌ 2 av 2 filer har feil"
    assert [h.get_text() for h in doc.find_all("h3")] == ["events/toten-turlag/tur.md", "events/toten-turlag/uten-felter.md"]
    tur = doc.find_all("h3")[0]
    assert tur.find_next("p").get_text() == "Feil"
    items = [li.get_text(" ", strip=True) for li in tur.find_next("ul").find_all("li")]
    assert items[0].startswith("Linje 6, feltet Category: «fjell» er ikke en gyldig verdi for Category.")
    warnings = tur.find_next("ul").find_next_sibling("p")
    assert warnings.get_text() == "Advarsler"
    assert "finnes to ganger natt til 2026-10-25" in warnings.find_next("ul").get_text()
    # The example of what to write instead is a code block, exactly as in the message.
    example = doc.find_all("h3")[1].find_next("pre").get_text()
    assert example.startswith("Title: Tirsdagskaffe\nStart: 2026-12-01 10:00\n")


def test_markdown_report_says_all_right_and_counts_warnings(repo):
    write(repo / "content", "events/toten-turlag/tur.md", event("Tur", "toten-turlag", Start="2026-10-25 02:30"))
    result = validate(repo, "content", "--changed-since", "main", "--format", "markdown")
    assert result.returncode == 0
    assert result.stdout.startswith("## ✅ Alt i orden, men se over advarslene \\(1\\)\n")
    english = validate(repo, "content", "--changed-since", "main", "--format", "markdown", "--lang", "en")
    text = rendered(english.stdout).get_text()
    assert english.returncode == 0 and "Consider another time" in text  # the problem in English
    assert translator("en").gettext("Filer sjekket: {count}.").format(count=1) in text


HOSTILE = ("<img src=x onerror=alert(1)> <script>alert(1)</script> [klikk](https://evil.example) "
           "![bilde](https://evil.example/x.png) `kode` **fet** @octocat #1 <https://evil.example> "
           "&lt;b&gt; ~~borte~~ | a | b |")


def test_hostile_text_in_a_file_or_its_name_cannot_add_markup_links_or_mentions(repo):
    name = "events/toten-turlag/<b>@octocat [x](https:evil.example).md"
    write(repo / "content", name, event(HOSTILE, "toten-turlag", Category=HOSTILE, Price=HOSTILE))
    result = validate(repo, "content", "--changed-since", "main", "--format", "markdown")
    assert result.returncode == 1
    doc = rendered(result.stdout)
    assert {tag.name for tag in doc.find_all(True)} <= {"h2", "h3", "p", "strong", "ul", "li", "pre", "code"}
    text = doc.get_text()
    assert "<img src=x onerror=alert(1)>" in text and "[klikk](https://evil.example)" in text
    assert "`kode` **fet**" in text and "&lt;b&gt;" in text
    assert "@octocat" not in text.replace("@\u200boctocat", "")  # GitHub makes no mention of it
    assert "#1 " not in text.replace("#\u200b1 ", "")
    assert doc.find("h3").get_text() == "events/toten-turlag/<b>@\u200boctocat [x](https:evil.example).md"


def test_markdown_text_and_fences_keep_text_as_written():
    for hostile in (HOSTILE, "- liste", "1. punkt", "# overskrift", "> sitat", "\\*", "a\nb\n\n- c"):
        doc = rendered(f"- **Linje 1:** {markdown_text(hostile)}\n- {markdown_text(hostile)}")
        items = [li.get_text() for li in doc.find_all("li")]
        expected = " ".join(hostile.split()).replace("@", "@\u200b").replace("#", "#\u200b")
        assert items == [f"Linje 1: {expected}", expected], hostile
    code = "```\nlukket?\n````\n<b>x</b>"
    assert rendered(fenced(code)).find("pre").get_text() == code + "\n"


def test_markdown_report_is_capped_with_a_count_of_the_rest():
    problems = [Problem(f"events/lag/fil-{n:03}.md", "unknown_choice", line=6, field="category",
                        params={"value": "x" * 900, "choices": "kultur, idrett", "hint": ""})
                for n in range(200)]
    report = markdown_report(problems, files=200)
    shown = report.count("\n- ")
    assert 0 < shown <= MAX_PROBLEMS
    assert report.rstrip().endswith(f"… og {200 - shown} til. Kjør «make validate» for å se alle.".replace(".", "\\."))
    assert len(report) < 65_536  # GitHub's limit for a comment


def test_markdown_report_of_every_file_without_a_choice(repo):
    result = validate(repo, "content", "--format", "markdown")
    assert result.returncode == 1
    doc = rendered(result.stdout)
    assert doc.find("h2").get_text() == "❌ 1 av 5 filer har feil"
    assert [h.get_text() for h in doc.find_all("h3")] == ["events/raufoss-pensjonistforening/gammel-feil.md"]
