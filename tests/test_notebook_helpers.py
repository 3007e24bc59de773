"""Article text placed in notebook Markdown stays inert text."""

import mistune

from analysis.report.notebook import escape_text


def test_escaped_text_renders_as_the_same_visible_text():
    text = "Trump's <script>alert(1)</script> #1 [x](javascript:y) & *bold* > 3"
    rendered = mistune.html(escape_text(text))
    assert "<script" not in rendered and "<a " not in rendered and "<em>" not in rendered
    assert rendered == (
        "<p>Trump's &lt;script&gt;alert(1)&lt;/script&gt; #1 [x](javascript:y) &amp; *bold* &gt; 3</p>\n"
    )


def test_article_groups_per_article_manifest_column_or_folder():
    import pandas as pd

    from analysis.report.notebook import article_groups

    few = pd.DataFrame({"article_id": ["a", "b"]})
    assert article_groups(few)[1] == "article"
    many = pd.DataFrame({"article_id": [f"{topic}/{i:03d}" for topic in ("sport", "tech") for i in range(30)]})
    groups, word = article_groups(many)
    assert word == "folder" and set(groups) == {"sport", "tech"}
    with_outlet = many.assign(outlet=["Daily"] * 30 + ["Weekly"] * 30)
    groups, word = article_groups(with_outlet)
    assert word == "outlet" and groups["tech/000"] == "Weekly"
    flat = pd.DataFrame({"article_id": [str(i) for i in range(60)]})
    assert article_groups(flat)[1] == "corpus"
