"""The reports as a reader sees them: headless Chromium opens every page from disk in a
1,280 px window.

On the seeds (with a hostile article added) and on a corpus of forty dated articles from two
outlets that the tests write: no page scrolls sideways, no console errors, every image loads,
every local link resolves, the folder works when copied elsewhere, and hostile article text
(script tags, event handlers, javascript: links) shows as text and never runs. Needs Debian's
`chromium`; skipped with a reason where it is missing. With `SCREENSHOT_DIR` set, the index and
a reader page of the dated corpus are saved there (`make screenshots` writes docs/screenshots/).
"""

import base64
import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import HOSTILE_MARKERS, run_site
from dated_corpus import write_dated_corpus

from analysis.figures import names
from analysis.paths import VALIDATION_FIGURES_DIR
from analysis.report.images import compact_png
from analysis.report.runner import list_notebooks
from analysis.report.site import KEY_FIGURES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(not CHROMIUM, reason="Chromium is not installed (Debian package chromium)")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
WINDOW = {"width": 1280, "height": 900}
SIDEWAYS_SCROLLERS = """Array.from(document.querySelectorAll('body *')).filter(e => {
    const overflow = getComputedStyle(e).overflowX;
    return (overflow === 'auto' || overflow === 'scroll') && e.scrollWidth > e.clientWidth + 1;
}).map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth)"""


@pytest.fixture(scope="module")
def site(seeds_site):
    return seeds_site[1] / "reports"


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("dated")
    output = root / "output"
    result = run_site(write_dated_corpus(root / "corpus"), output)
    assert result.returncode == 0, result.stderr
    return output / "reports"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


def inspect_page(browser, path: Path) -> dict:
    """Open a page from disk; return console errors, dialogs, images, links and visible text."""
    page = browser.new_page(viewport=WINDOW)
    errors, dialogs = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(path.as_uri(), wait_until="load")
    found = {
        "errors": errors,
        "dialogs": dialogs,
        "images": page.evaluate(
            "Array.from(document.images).map(i => [i.src.slice(0, 40), i.complete ? i.naturalWidth : 0])"
        ),
        "captions": page.evaluate("Array.from(document.images).map(i => i.alt)"),
        "links": page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"),
        "scripts": page.evaluate("document.querySelectorAll('script, iframe, object, embed').length"),
        "text": page.inner_text("body"),
        "width": page.evaluate("document.documentElement.scrollWidth"),
        "sideways": page.evaluate(SIDEWAYS_SCROLLERS),
    }
    page.close()
    return found


def check_site(browser, reports: Path) -> dict[str, dict]:
    pages = {p.name: inspect_page(browser, p) for p in sorted(reports.glob("*.html"))}
    assert "index.html" in pages and len(pages) > 1
    for name, found in pages.items():
        assert found["errors"] == [], f"{name}: console errors {found['errors']}"
        assert found["dialogs"] == [], f"{name}: a script ran and opened {found['dialogs']}"
        assert found["scripts"] == 0, f"{name}: contains script-like elements"
        assert found["width"] <= WINDOW["width"], f"{name}: {found['width']} px wide, scrolls sideways"
        assert found["sideways"] == [], f"{name}: boxes that scroll sideways: {found['sideways']}"
        assert all(width > 0 for _, width in found["images"]), f"{name}: broken images {found['images']}"
        for link in found["links"]:
            url = urlparse(link)
            assert url.scheme in ("file", "https", "http"), f"{name}: link {link}"
            if url.scheme == "file":
                assert Path(unquote(url.path)).exists(), f"{name}: dead link {link}"
    return pages


def test_every_page_loads_cleanly_and_hostile_text_stays_text(site, browser):
    pages = check_site(browser, site)
    index = pages["index.html"]
    assert index["captions"] == [caption for _, caption in KEY_FIGURES]  # every key figure, in order
    assert "Not made by this run" not in index["text"]
    for page in ("01_corpus.html", "index.html"):
        assert not any(src.startswith("http") for src, _ in pages[page]["images"])
    corpus_text = pages["01_corpus.html"]["text"]
    assert "Hostile <b>Headline</b> <script>" in corpus_text  # the headline, shown as text
    all_text = "\n".join(p["text"] for p in pages.values())
    for marker in HOSTILE_MARKERS:
        assert marker in all_text, f"hostile text {marker!r} is not shown as text"
    assert "validation_summary.csv" in index["text"]  # the key validation figures, the full table linked


def test_reports_show_the_committed_validation_figures(site):
    for notebook, name in (
        ("02_sentiment", names.VALIDATION_SENTIMENT),
        ("03_framing", names.VALIDATION_FRAMING),
        ("04_readability", names.VALIDATION_READABILITY),
        ("05_source_attribution", names.VALIDATION_ATTRIBUTION),
    ):
        embedded = base64.b64encode(compact_png((VALIDATION_FIGURES_DIR / f"{name}.png").read_bytes())).decode("ascii")
        assert embedded in (site / f"{notebook}.html").read_text(encoding="utf-8"), f"{notebook} lacks {name}"


@pytest.mark.parametrize("which", ["site", "dated_site"])
def test_reports_folder_works_when_copied_elsewhere(which, browser, tmp_path, request):
    copy = tmp_path / "shared-by-email" / "reports"
    shutil.copytree(request.getfixturevalue(which), copy)
    check_site(browser, copy)


def test_dated_two_outlet_corpus_pages_load_cleanly(dated_site, browser):
    pages = check_site(browser, dated_site)
    assert len(pages) == 1 + 2 * len(list_notebooks())  # the index, and each notebook for readers and with code
    screenshot_dir = os.environ.get("SCREENSHOT_DIR")
    if screenshot_dir:  # the index from its top; the synthesis from its comparisons section
        for name, heading in (("index.html", None), ("08_synthesis.html", "Over time and between groups")):
            page = browser.new_page(viewport={"width": WINDOW["width"], "height": 2000})
            page.goto((dated_site / name).as_uri(), wait_until="load")
            if heading:
                page.get_by_role("heading", name=heading).first.evaluate(
                    "e => { e.scrollIntoView(true); window.scrollBy(0, -20); }"
                )
            page.screenshot(path=str(Path(screenshot_dir) / f"{Path(name).stem.replace('_', '-')}.png"))
            page.close()
