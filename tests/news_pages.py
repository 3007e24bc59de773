"""Saved news pages as a reader's browser stores them: the article inside navigation, a cookie
banner, adverts, share buttons, related links, a comment form and a footer.

`FURNITURE` lists phrases of the page furniture, none of which may reach an article's text,
`MENU` the navigation links, none of which may be a sentence of it; `PAGES` maps each file
name to its expected headline and its page source.
"""

from pathlib import Path

MENU = ["Home", "News", "Politics", "Business", "Sport", "Weather", "Subscribe", "Contact us"]
FURNITURE = [
    "We use cookies",
    "Accept all cookies",
    "Manage preferences",
    "Shop the biggest sale",
    "70% off",
    "Share on Facebook",
    "Share on Twitter",
    "Email this article",
    "Copy link",
    "Related stories",
    "Most read",
    "Sign up for our newsletter",
    "Leave a comment",
    "All rights reserved",
    "Privacy policy",
    "Terms and conditions",
    "Advertisement",
]

COOKIE_BANNER = """
<div id="cookie-banner" class="cookie-consent" role="dialog" aria-label="Cookie consent">
  <p>We use cookies to improve your experience and to show you personalised advertising.
  By continuing to browse you agree to our use of cookies.</p>
  <button class="accept">Accept all cookies</button> <a href="/privacy#cookies">Manage preferences</a>
</div>"""

NAVIGATION = """
<header class="site-header">
  <a class="logo" href="/">{site}</a>
  <nav class="main-nav" aria-label="Main">
    <ul>
      <li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/politics">Politics</a></li>
      <li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li>
    </ul>
  </nav>
</header>"""

ADVERT = """
<div class="advert ad-slot" data-ad-unit="leaderboard">
  <span class="ad-label">Advertisement</span>
  <a href="https://shop.example/sale" rel="sponsored">Shop the biggest sale of the year... 70% off! Don't miss out!</a>
</div>"""

SHARE = """
<div class="share-buttons social-share">
  <a href="#" class="share-facebook">Share on Facebook</a>
  <a href="#" class="share-twitter">Share on Twitter</a>
  <a href="#" class="share-email">Email this article</a>
  <button class="share-copy">Copy link</button>
</div>"""

RELATED = """
<aside class="related-stories">
  <h2>Related stories</h2>
  <ul>
    <li><a href="/news/1">River levels rise after storm</a></li>
    <li><a href="/news/2">Insurers warn of rising premiums</a></li>
  </ul>
</aside>
<aside class="most-read">
  <h2>Most read</h2>
  <ol><li><a href="/news/3">Celebrity chef opens new restaurant</a></li><li><a href="/news/4">Five things to do this weekend</a></li></ol>
</aside>"""

NEWSLETTER = """
<section class="newsletter-signup">
  <h3>Sign up for our newsletter</h3>
  <p>Get the day's top stories in your inbox every morning.</p>
  <form><input type="email" placeholder="Your email"><button>Subscribe</button></form>
</section>"""

COMMENTS = """
<section id="comments" class="comments-area">
  <h3>Leave a comment</h3>
  <form class="comment-form"><textarea name="comment"></textarea><button>Post comment</button></form>
</section>"""

FOOTER = """
<footer class="site-footer">
  <p>&copy; 2024 {site}. All rights reserved.</p>
  <ul><li><a href="/contact">Contact us</a></li><li><a href="/terms">Terms and conditions</a></li>
  <li><a href="/privacy">Privacy policy</a></li></ul>
</footer>"""


def _page(head: str, site: str, article: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        + head
        + "\n<script>window.dataLayer = window.dataLayer || []; function track(e) { dataLayer.push(e); }</script>"
        + "\n<style>.main-nav ul { display: flex; } .advert { min-height: 90px; }</style>\n</head>\n<body>"
        + COOKIE_BANNER
        + NAVIGATION.format(site=site)
        + ADVERT
        + "\n<main id='content'>\n"
        + article
        + RELATED
        + "\n</main>"
        + NEWSLETTER
        + FOOTER.format(site=site)
        + "\n</body>\n</html>\n"
    )


FLOODS = _page(
    """<title>Council approves new flood defences for river towns | The Daily Courier</title>
<meta property="og:title" content="Council approves new flood defences for river towns">
<meta property="og:site_name" content="The Daily Courier">
<meta property="og:url" content="https://www.dailycourier.example/news/2024/03/14/flood-defences">
<meta name="author" content="Jane Morgan">
<meta property="article:published_time" content="2024-03-14T09:30:00Z">""",
    "The Daily Courier",
    """<article class="story">
  <h1 class="headline">Council approves new flood defences for river towns</h1>
  <p class="byline">By <a href="/authors/jane-morgan">Jane Morgan</a>, Environment correspondent</p>
  <time datetime="2024-03-14T09:30:00Z">14 March 2024</time>"""
    + SHARE
    + """
  <div class="story-body">
  <p>The county council has approved a £12m scheme to protect three river towns from flooding, after two
  winters in which hundreds of homes were damaged.</p>
  <p>The plan includes new embankments along the river, a storage basin upstream of the town centre and pumps
  that can move water away from low-lying streets.</p>
  <p>"We have listened to residents who lost everything in 2022," said council leader Tom Hughes. "These
  defences will give them the protection they were promised."</p>
  <p>Work is expected to begin in the summer and to take about two years. The Environment Agency will pay for
  half of the cost.</p>
  <p>Some residents said the scheme came too late. Mary Price, whose house was flooded twice, said she had been
  unable to get insurance since the first flood.</p>
  </div>
</article>""",
)

HOSPITAL = _page(
    """<title>Hospital waiting lists fall for third month - Northern Echo Online</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Hospital waiting lists fall for third month",
 "datePublished": "2024-05-02T07:00:00+01:00",
 "author": {"@type": "Person", "name": "Sam Patel"},
 "publisher": {"@type": "Organization", "name": "Northern Echo Online"},
 "url": "https://northernecho.example/health/waiting-lists-fall"}
</script>""",
    "Northern Echo Online",
    """<article>
  <header><h1>Hospital waiting lists fall for third month</h1>
  <div class="meta">Sam Patel · Health reporter · 2 May 2024</div></header>"""
    + SHARE
    + """
  <p>The number of patients waiting for planned hospital treatment in the region fell for the third month in a
  row, figures published on Thursday show.</p>
  <p>About 412,000 people were waiting at the end of March, down from 420,000 at the start of the year.</p>"""
    + ADVERT
    + """
  <p>Hospital managers said extra weekend clinics and a new surgical centre had helped. Unions warned that
  staff shortages could reverse the trend.</p>
  <h2>What happens next</h2>
  <p>The health board will publish a plan in June to cut the longest waits, which are still above two years
  for some operations.</p>
</article>"""
    + COMMENTS,
)

TRAIN = _page(
    """<title>Rail strike called off after late pay offer</title>
<meta name="description" content="Drivers accept a new offer hours before the walkout.">
<meta property="og:site_name" content="Metro Herald">""",
    "Metro Herald",
    """<div class="article-wrapper">
  <div class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/news">News</a></div>
  <h1>Rail strike called off after late pay offer</h1>
  <span class="date">Published 21 June 2024</span>"""
    + SHARE
    + """
  <div class="entry-content">
  <p>A strike by train drivers planned for Monday has been called off after the operator made a new pay offer
  late on Friday night.</p>
  <p>The union said its members would vote on the offer, which includes a 5% rise this year and a shorter
  working week from next spring.</p>
  <p>Passengers had been warned to expect severe disruption, with no trains on most routes. The operator said
  services would now run as normal.</p>
  </div>
</div>""",
)

SCHOOL = _page(
    """<title>Village school saved by parents' campaign</title>
<meta property="og:title" content="Village school saved by parents' campaign">
<meta property="og:site_name" content="Valley Gazette">
<meta name="author" content="Chris Lee">
<meta property="article:published_time" content="2024-09-05">""",
    "Valley Gazette",
    """<article>
  <h1>Village school saved by parents' campaign</h1>"""
    + SHARE
    + """
  <p>A village primary school that was due to close next summer will stay open after a campaign by parents
  persuaded the council to change its plans.</p>
  <p>The council had said falling pupil numbers made the school too expensive to run. Parents collected more
  than 3,000 signatures and presented a plan to share the building with a nursery.</p>
  <p>"This school is the heart of the village," said Anna Clarke, who led the campaign. "We are delighted that
  the council listened."</p>
</article>""",
)

PAGES = {
    "floods.html": ("Council approves new flood defences for river towns", FLOODS),
    "hospital.HTM": ("Hospital waiting lists fall for third month", HOSPITAL),
    "rail strike.txt": ("Rail strike called off after late pay offer", TRAIN),  # saved with a .txt name
    "school.html": ("Village school saved by parents' campaign", SCHOOL),
}


def write_pages(folder: Path) -> Path:
    """Write every page of `PAGES` into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (_, page) in PAGES.items():
        (folder / name).write_text(page, encoding="utf-8")
    return folder
