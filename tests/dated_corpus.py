"""A corpus made by the tests: about forty short news articles from two outlets, dated over
five months, with a manifest (article_id, outlet, date).

The articles are assembled from sentences about local news (a council, a hospital, a school,
transport), with named and anonymous sources and quotations. One outlet's sentences lean
negative, the other's positive, so group comparisons have a difference to show. The same
arguments give the same files.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

OUTLETS = ("Harbour Gazette", "Valley Courier")
TOPICS = [
    ("council", "Riverton council", "the new budget"),
    ("hospital", "St Anne's Hospital", "the emergency ward"),
    ("school", "Northfield Academy", "the school building"),
    ("transport", "the regional transit authority", "the tram line"),
    ("housing", "the housing association", "the riverside flats"),
]
PEOPLE = ["Maria Lopez", "James Carter", "Aisha Khan", "Tom Becker", "Helen Ward", "Samuel Okafor"]
HEADLINES = {
    "negative": ["Anger grows over {thing}", "{Body} faces criticism over {thing}", "Delays and cuts hit {thing}"],
    "positive": ["{Body} celebrates progress on {thing}", "Residents welcome {thing}", "Good news for {thing}"],
}
SENTENCES = {
    "negative": [
        "Residents said the delays were a disgrace and that nobody had listened to their complaints.",
        "The plan has been criticised as wasteful, and several families fear they will lose out.",
        "Costs have risen sharply, and critics warn that the project is failing.",
        "A spokesperson admitted that mistakes had been made and that the problems were serious.",
        "Officials, who asked not to be named, said the situation was worse than reported.",
    ],
    "positive": [
        "Residents said they were delighted with the improvements and thanked the volunteers.",
        "The project finished ahead of schedule, and local businesses praised the careful work.",
        "Supporters said the change was a great success that would help many families.",
        "Visitors described the new space as bright, friendly and welcoming.",
        "The scheme has won an award for its excellent design.",
    ],
    "neutral": [
        "The meeting took place on Tuesday evening in the town hall.",
        "A public consultation will run until the end of the month.",
        "The report is due to be published next week.",
        "About two hundred people attended the session, according to the organisers.",
        "The decision will be reviewed by a committee in the spring.",
    ],
}


def _article(rng: random.Random, lean: str) -> str:
    _, body, thing = rng.choice(TOPICS)
    speaker = rng.choice(PEOPLE)
    headline = rng.choice(HEADLINES[lean]).format(Body=body[0].upper() + body[1:], thing=thing)
    paragraphs = [f"{body[0].upper() + body[1:]} said on Monday that work on {thing} would continue this year."]
    for _ in range(rng.randint(4, 7)):
        kind = rng.choice([lean, lean, "neutral"])
        paragraphs.append(" ".join(rng.sample(SENTENCES[kind], 2)))
    quote = rng.choice(SENTENCES[lean]).rstrip(".")
    paragraphs.append(f'"{quote}," said {speaker}, who has followed {thing} for years.')
    paragraphs.append(f"{speaker.split()[-1]} added that the next steps would be announced soon.")
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_dated_corpus(folder: Path, n_articles: int = 40, seed: int = 17, start: date = date(2024, 1, 8)) -> Path:
    """Write `n_articles` articles (`a00.txt`, ...) and `manifest.csv` into `folder`: outlets in
    turn, the first leaning negative; dates spread over about five months."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for i in range(n_articles):
        outlet = OUTLETS[i % 2]
        lean = "negative" if outlet == OUTLETS[0] else "positive"
        article_id = f"a{i:02d}"
        (folder / f"{article_id}.txt").write_text(_article(rng, lean), encoding="utf-8")
        day = start + timedelta(days=int(i * 150 / n_articles) + rng.randint(0, 3))
        rows.append([article_id, outlet, day.isoformat()])
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["article_id", "outlet", "date"])
        writer.writerows(rows)
    return folder
