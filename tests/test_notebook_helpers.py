"""Article text placed in notebook Markdown stays inert text."""
import mistune

from analysis.notebook import escape_text


def test_escaped_text_renders_as_the_same_visible_text():
    text = "Trump's <script>alert(1)</script> #1 [x](javascript:y) & *bold* > 3"
    rendered = mistune.html(escape_text(text))
    assert "<script" not in rendered and "<a " not in rendered and "<em>" not in rendered
    assert rendered == ("<p>Trump's &lt;script&gt;alert(1)&lt;/script&gt; #1 [x](javascript:y) "
                        "&amp; *bold* &gt; 3</p>\n")
