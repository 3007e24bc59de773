"""The reports as a reader sees them: headless Chromium opens every page from disk.

No console errors, every image loads, every local link resolves, the folder works when copied
elsewhere, and hostile article text (script tags, event handlers, javascript: links) shows as
text and never runs. Needs Debian's `chromium`; skipped with a reason where it is missing.
"""

import base64
import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import PROJECT_ROOT, SEEDS

from analysis.figures import names
from analysis.paths import VALIDATION_FIGURES_DIR
from analysis.report.images import compact_png
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
HOSTILE_ARTICLE = (
    'Hostile <b>Headline</b> <script>alert("headline")</script>\n\n'
    'The minister said <script>alert("xss")</script> was typed into the form. '
    "Then an image <img src=x onerror=alert(1)> appeared in the text. "
    'A link <a href="javascript:alert(2)">click me</a> was posted by Trump on Truth Social.\n\n'
    '"This is <iframe src=javascript:alert(3)></iframe> a quote," Carney said.\n'
)
HOSTILE_MARKERS = ['<script>alert("xss")</script>', "<img src=x onerror=alert(1)>"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "000_hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")  # first: among the rows shown
    with open(corpus / "manifest.csv", "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            ["000_hostile", "<script>alert('manifest')</script>", "<img src=x onerror=alert(4)>", "", "test"]
        )
    output = root / "output"
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "run", "--corpus", str(corpus), "--output", str(output)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
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
    page = browser.new_page()
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
    screenshot_dir = Path(os.environ.get("SCREENSHOT_DIR", site))
    page = browser.new_page(viewport={"width": 1100, "height": 1600})
    page.goto((site / "index.html").as_uri())
    page.screenshot(path=str(screenshot_dir / "index.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # the index never scrolls sideways
    page.close()
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


def test_reports_folder_works_when_copied_elsewhere(site, browser, tmp_path):
    copy = tmp_path / "shared-by-email" / "reports"
    shutil.copytree(site, copy)
    check_site(browser, copy)
