"""A corpus folder with every kind of bad input a user's folder may hold, besides good articles."""

import shutil
from pathlib import Path

from conftest import SEEDS

GOOD = ["000_bdbfc842978e7605.txt", "001_743d1558921b3e64.txt", "002_bc908ce1d43d3e45.txt"]
FRENCH = (
    "Le Canada renforce sa coopération militaire avec l'Europe\n\n"
    "Le premier ministre a annoncé jeudi une nouvelle entente de défense avec plusieurs pays "
    "européens. Selon le gouvernement, cette décision répond aux tensions récentes avec les "
    "États-Unis. Les partis de l'opposition demandent plus de détails sur les coûts du projet "
    "et sur le calendrier prévu. Plusieurs experts estiment que la mesure marque un tournant "
    "dans la politique étrangère du pays.\n"
)
NO_PUNCTUATION = (
    "Headline Without End\n\n"
    + " ".join(["the minister spoke to reporters about the alliance and the tariffs on steel"] * 20)
    + "\n"
)
MARKDOWN = (
    "# Allies Meet in Ottawa\n\n**Ottawa** - Officials met on *Monday* to discuss the "
    "[defence pact](https://example.org/pact).\n\n- First point of the plan.\n- Second point.\n"
)
HTML = (
    "<!DOCTYPE html><html><head><title>x</title><style>p{color:red}</style></head><body>"
    "<h1>Senators Visit Ottawa</h1><p>A delegation of senators met the prime minister.</p>"
    "<p>They discussed trade &amp; defence.</p><script>alert('x')</script></body></html>"
)


def build(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in GOOD:
        shutil.copy(SEEDS / name, folder / name)
    shutil.copy(SEEDS / GOOD[0], folder / "duplicate of 000.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "whitespace.txt").write_text(" \n\t \n\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "cp1252.txt").write_bytes(
        "Talks Resume\r\n\r\nThe minister said \u201cwe are ready\u201d \u2014 and left.\r\n".encode("cp1252")
    )
    (folder / "latin1.txt").write_bytes(
        "Montr\u00e9al Summit\n\nLeaders met in Montr\u00e9al on Friday.\n".encode("latin-1")
    )
    (folder / "bom.txt").write_bytes("\ufeffBOM Headline\n\nText after a byte-order mark.\n".encode("utf-8"))
    (folder / "crlf.txt").write_bytes(b"CRLF Headline\r\n\r\nFirst paragraph here.\r\nSecond paragraph here.\r\n")
    (folder / "french.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "no punctuation.txt").write_text(NO_PUNCTUATION, encoding="utf-8")
    (folder / "markdown.txt").write_text(MARKDOWN, encoding="utf-8")
    (folder / "page.txt").write_text(HTML, encoding="utf-8")
    (folder / "spaces and ünïcödé.txt").write_text("Unicode File Name\n\nThe file name has spaces.\n", encoding="utf-8")
    with open(folder / "huge.txt", "wb") as handle:
        line = b"Filler sentence for a very large file that is not one article.\n"
        handle.write(line * (20 * 1024 * 1024 // len(line) + 1))
    names = sorted(p.stem for p in folder.glob("*.txt") if p.stem != "markdown")
    (folder / "manifest.csv").write_text(
        "article_id,outlet\n" + "".join(f"{n},Test outlet\n" for n in names) + "missing_article,Nowhere\n",
        encoding="utf-8",
    )
    return folder
