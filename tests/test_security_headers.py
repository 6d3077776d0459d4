"""Content-Security-Policy and referrer policy: the same policy in every page, nothing inline
that it would block, and in real Chromium no violation and no request to another origin."""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sitebuild import ROOT, soup_of

#: The policy in every page's <meta http-equiv="Content-Security-Policy">.
POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
          "img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; "
          "base-uri 'self'; form-action 'self'")
REFERRER = "strict-origin-when-cross-origin"

#: What docs/server-headers.md tells the server to send (frame-ancestors works only as a header).
HEADERS = {
    "Content-Security-Policy": POLICY + "; frame-ancestors 'self'",
    "Referrer-Policy": REFERRER,
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
SERVER_SECTIONS = ["The headers", "nginx", "Apache (.htaccess)", "Caddy", "Netlify (`_headers`)"]

#: Records every violation the document sees. Violations inside Pagefind's web worker do not
#: reach the document; Chromium logs them to the console, which `Watch` also reads.
VIOLATION_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile}:${e.lineNumber}`);
});
"""

#: Each kind of page, and what shows that its scripts have finished (None: the load event).
BROWSER_PAGES = {
    "front-page": ("", None),
    "event-page": ("arrangement/sprakkafe-pa-biblioteket/", None),
    "search": ("sok/?q=kaffe", ".search-results li"),
    "arabic-search": ("ar/sok/?q=kaffe", ".search-results li"),
    "grants": ("tilskudd/", None),
}


# --- The built pages ------------------------------------------------------------------------


@dataclass
class PageFacts:
    path: str
    lang: str
    policies: list[str]
    referrers: list[str]
    inline: list[str]
    json_ld: int


def inline_code(soup) -> list[str]:
    """Everything in a page that a policy without 'unsafe-inline' would block."""
    found = []
    for tag in soup.find_all(True):
        if tag.name == "style":
            found.append("<style> element")
        if tag.name == "script" and not tag.get("src") and tag.get("type") != "application/ld+json":
            found.append(f"inline <script type={tag.get('type')!r}>")
        for name, value in tag.attrs.items():
            if name == "style" or name.startswith("on"):
                found.append(f"{name}= on <{tag.name}>")
            if isinstance(value, str) and value.strip().lower().startswith("javascript:"):
                found.append(f"javascript: URL in {name}= on <{tag.name}>")
    return found


def facts_of(path: Path, root: Path) -> PageFacts:
    soup = soup_of(path)
    head = soup.head
    return PageFacts(
        path=str(path.relative_to(root)),
        lang=soup.html.get("lang", ""),
        policies=[m.get("content", "") for m in soup.find_all(
            "meta", attrs={"http-equiv": lambda v: v and v.lower() == "content-security-policy"})],
        referrers=[m.get("content", "") for m in head.find_all("meta", attrs={"name": "referrer"})],
        inline=inline_code(soup),
        json_ld=len(soup.find_all("script", attrs={"type": "application/ld+json"})),
    )


@pytest.fixture(scope="module")
def all_pages(demo_output) -> list[PageFacts]:
    """What matters here about every HTML file of the demo site, in every language."""
    return [facts_of(path, demo_output) for path in sorted(demo_output.rglob("*.html"))]


def test_every_language_is_checked(all_pages, page):
    languages = {a["hreflang"] for a in page("").select(".language-switch a[hreflang]")}
    assert len(languages) == 6
    assert {p.lang for p in all_pages} == languages
    for lang in languages:
        assert sum(p.lang == lang for p in all_pages) > 100, lang


def test_the_policy_allows_only_the_site_itself():
    directives = dict(d.split(" ", 1) for d in POLICY.split("; "))
    assert directives["object-src"] == "'none'"
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    for name in ("default-src", "style-src", "img-src", "font-src", "connect-src", "base-uri",
                 "form-action"):
        assert directives[name] == "'self'", name
    assert "frame-ancestors" not in directives  # ignored in a meta tag; sent as a header instead


def test_every_page_has_the_policy_exactly_once(all_pages):
    wrong = [f"{p.path}: {p.policies}" for p in all_pages if p.policies != [POLICY]]
    assert wrong == []
    assert not any("unsafe-inline" in policy for p in all_pages for policy in p.policies)


def test_the_policy_comes_before_anything_it_governs(demo_output):
    html = (demo_output / "sok" / "index.html").read_text(encoding="utf-8")
    policy_at = html.index('http-equiv="Content-Security-Policy"')
    assert policy_at < html.index("<link") and policy_at < html.index("<script")


def test_every_page_has_the_referrer_policy_exactly_once(all_pages):
    wrong = [f"{p.path}: {p.referrers}" for p in all_pages if p.referrers != [REFERRER]]
    assert wrong == []


def test_no_page_has_inline_styles_scripts_or_handlers(all_pages):
    wrong = [f"{p.path}: {', '.join(sorted(set(p.inline)))}" for p in all_pages if p.inline]
    assert wrong == []


def test_the_inline_check_finds_what_the_policy_would_block():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(
        '<p style="color:red" onclick="go()"><a href="javascript:go()">x</a></p><style>p{}</style>'
        '<script>go()</script><script type="module">go()</script><script src="/a.js"></script>'
        '<script type="application/ld+json">{}</script>', "html.parser")
    assert sorted(inline_code(soup)) == sorted([
        "style= on <p>", "onclick= on <p>", "javascript: URL in href= on <a>", "<style> element",
        "inline <script type=None>", "inline <script type='module'>"])


def test_event_pages_keep_their_json_ld(all_pages):
    """JSON-LD is a data block, not a script: the policy does not touch it (see the browser test)."""
    assert sum(p.json_ld > 0 for p in all_pages if "/arrangement/" in f"/{p.path}") > 100


# --- In Chromium ----------------------------------------------------------------------------


@dataclass
class Watch:
    """A tab that records policy violations, page errors and every request it makes."""

    tab: object
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @classmethod
    def on(cls, tab) -> Watch:
        watch = cls(tab)
        tab.add_init_script(VIOLATION_LISTENER)
        tab.on("console", lambda m: "content security policy" in m.text.lower()
               and watch.console.append(m.text))
        tab.on("pageerror", lambda e: watch.errors.append(str(e)))
        tab.on("request", lambda r: watch.requests.append(r.url))
        return watch

    def violations(self) -> list[str]:
        # One more task on the page's event loop, so queued violation reports are delivered.
        self.tab.evaluate("() => new Promise((done) => setTimeout(done, 0))")
        return self.tab.evaluate("() => window.__cspViolations") + self.console

    def foreign_requests(self, origin: str) -> list[str]:
        return [url for url in self.requests if not url.startswith(f"{origin}/")]


def open_and_settle(tab, url: str, ready: str | None):
    response = tab.goto(url)
    assert response.status == 200
    if ready:
        tab.wait_for_selector(ready, timeout=15000)
    return response


@pytest.mark.parametrize("path, ready", BROWSER_PAGES.values(), ids=BROWSER_PAGES.keys())
def test_no_policy_violation_and_no_outside_request(browser_page, site_url, path, ready):
    watch = Watch.on(browser_page)
    open_and_settle(browser_page, f"{site_url}/{path}", ready)
    assert watch.violations() == []
    assert watch.errors == []
    assert watch.requests and watch.foreign_requests(site_url) == []
    # The policy is in force in the page (not just written into it).
    assert browser_page.evaluate(
        "() => document.querySelector('meta[http-equiv=Content-Security-Policy]').content") == POLICY
    if ready:  # the search ran: Pagefind fetched its index and its WebAssembly from the site
        lang = "ar" if path.startswith("ar/") else "nb"
        assert any(url.endswith(f"/pagefind/wasm.{lang}.pagefind") for url in watch.requests)
        assert browser_page.locator(".search-results li").count() > 0


def test_json_ld_on_an_event_page_is_not_blocked(browser_page, site_url):
    watch = Watch.on(browser_page)
    open_and_settle(browser_page, f"{site_url}/arrangement/sprakkafe-pa-biblioteket/", None)
    data = browser_page.evaluate(
        "() => JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert data["@type"] == "Event"
    assert watch.violations() == []


def test_the_watch_sees_what_the_policy_blocks(browser_page, site_url):
    """Inline script and style added to a page are refused and reported: the tests above would
    notice a page that needs them."""
    watch = Watch.on(browser_page)
    open_and_settle(browser_page, f"{site_url}/", None)
    browser_page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.inlineRan = true;";
        document.body.append(script);
        const style = document.createElement("style");
        style.textContent = "body { display: none; }";
        document.head.append(style);
    }""")
    violations = watch.violations()
    assert any(v.startswith("script-src-elem blocked inline") for v in violations), violations
    assert any(v.startswith("style-src-elem blocked inline") for v in violations), violations
    assert any("Content Security Policy" in message for message in watch.console)
    assert browser_page.evaluate("() => window.inlineRan") is None
    assert browser_page.evaluate("() => getComputedStyle(document.body).display") != "none"


# --- The headers of docs/server-headers.md, sent by a server ---------------------------------


def doc_sections() -> dict[str, str]:
    text = (ROOT / "docs" / "server-headers.md").read_text(encoding="utf-8")
    parts = text.split("\n## ")[1:]
    return {part.split("\n", 1)[0].strip(): part for part in parts}


def test_the_docs_give_every_header_for_every_server():
    sections = doc_sections()
    for title in SERVER_SECTIONS:
        for name, value in HEADERS.items():
            assert name in sections[title] and value in sections[title], (title, name)
    assert "GitHub Pages" in " ".join(sections)


@contextmanager
def serve_with_headers(directory: Path):
    """Like browser.serve, but every response carries the headers the docs recommend."""

    class Handler(SimpleHTTPRequestHandler):
        def end_headers(self):
            for name, value in HEADERS.items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, format, *args):  # noqa: A002 - signature from the base class
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def headers_url(demo_output):
    with serve_with_headers(demo_output) as url:
        yield url


@pytest.fixture
def headers_tab(browser):
    context = browser.new_context(locale="nb-NO")
    yield context.new_page()
    context.close()


def test_search_works_under_the_header_policy(headers_tab, headers_url):
    """As a header the policy also governs Pagefind's web worker, where the WebAssembly runs."""
    watch = Watch.on(headers_tab)
    response = open_and_settle(headers_tab, f"{headers_url}/sok/?q=kaffe", ".search-results li")
    assert response.headers["content-security-policy"] == HEADERS["Content-Security-Policy"]
    assert any(url.endswith("/pagefind/pagefind-worker.js") for url in watch.requests)
    assert any(url.endswith("/pagefind/wasm.nb.pagefind") for url in watch.requests)
    assert watch.violations() == []
    assert watch.errors == []
    assert watch.foreign_requests(headers_url) == []
