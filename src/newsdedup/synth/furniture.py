"""Invented site furniture that scrapers wrap around a copied excerpt, as page text or as HTML.

Blocks: navigation menu, breadcrumb, cookie banner, byline, advertisement and "read more" lines inside the
article, share buttons, newsletter signup, "related articles" / "most read" headline lists, follow-us
links, comments prompt, tag lists and a copyright footer. `build_page` picks blocks until they make up
a requested number of words, topping up with headline lists and, to hit the number exactly, a tag list.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass
from datetime import date

from newsdedup.synth.articles import random_headline
from newsdedup.synth.textops import word_count
from newsdedup.synth.vocab import FIRST_NAMES, PLACES, SURNAMES
from newsdedup.synth.words import split_words

_NAV = split_words(
    "Home|News|World|UK|US|Business|Money|Markets|Technology|Science|Health|Sport|Football|Entertainment|"
    "Culture|Travel|Opinion|Video|Podcasts|Weather|Local|Politics|Lifestyle|Contact|Subscribe",
    "|",
)
_COOKIE_OPENERS = (
    "We use cookies to improve your experience on our website.",
    "This site uses cookies and similar technologies to personalise content and ads.",
    "We and our partners store and access information on your device.",
    "Our website uses cookies to give you the best possible experience.",
)
_COOKIE_MIDDLES = (
    "By continuing to browse, you agree to our use of cookies.",
    "You can change your choice at any time in your privacy settings.",
    "Some cookies are essential, others help us understand how you use the site.",
    "Read our cookie policy to find out more.",
)
_COOKIE_BUTTONS = (
    "Accept all | Reject all | Manage preferences",
    "OK, got it",
    "Accept | Settings",
    "I agree",
)
_NEWSLETTER = (
    "Sign up for our free daily newsletter and get the top stories delivered to your inbox.",
    "Get the latest headlines every morning. Enter your email address and press subscribe.",
    "Never miss a story: join thousands of readers who get our briefing every weekday.",
    "Subscribe to our newsletter for breaking news, analysis and exclusive offers.",
)
_SHARE = split_words("Facebook|Twitter|X|WhatsApp|LinkedIn|Email|Reddit|Telegram|Copy link|Print", "|")
_FOLLOW = split_words("Facebook|Instagram|YouTube|TikTok|Threads|Bluesky|RSS", "|")
_LIST_HEADINGS = (
    "Related articles",
    "You may also like",
    "Most read",
    "Latest news",
    "Recommended for you",
    "Trending now",
    "More stories",
    "Editor's picks",
)
_FOOTER_LINKS = split_words(
    "About us|Contact|Privacy policy|Cookie policy|Terms of use|Advertise|Careers|Sitemap|Accessibility", "|"
)
_TAGS = split_words(
    "economy|politics|elections|climate|football|technology|health|education|transport|housing|crime|"
    "courts|energy|markets|jobs|science|space|music|film|television|weather|travel|farming|business|"
    "startups|banking|diplomacy|tennis|cricket|rugby|opinion|analysis|local news|world news|breaking",
    "|",
)
_SITE_WORDS = split_words(
    "Daily|News|Wire|Hub|Now|Post|Times|Digest|Report|Today|Buzz|Feed|Insider|Network", "|"
)


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of furniture: where it sits, an optional heading and its items."""

    kind: str
    place: str
    """``top`` (before the article), ``inline`` (between its paragraphs) or ``bottom``."""
    heading: str
    items: tuple[str, ...]
    separator: str = " | "

    @property
    def text(self) -> str:
        """The block as page text."""
        body = self.separator.join(self.items)
        return f"{self.heading}\n{body}" if self.heading else body

    @property
    def words(self) -> int:
        """Words in the block's page text."""
        return word_count(self.text)


@dataclass(frozen=True, slots=True)
class Site:
    """The invented site a copy is republished on."""

    name: str
    domain: str


@dataclass(frozen=True, slots=True)
class Page:
    """Furniture around an article: blocks above, between paragraphs (by index) and below it."""

    site: Site
    top: tuple[Block, ...]
    inline: tuple[tuple[int, Block], ...]
    bottom: tuple[Block, ...]

    @property
    def words(self) -> int:
        """Words of furniture on the page."""
        blocks = [*self.top, *(block for _, block in self.inline), *self.bottom]
        return sum(block.words for block in blocks)


def random_site(rng: random.Random) -> Site:
    """An invented scraper site."""
    head = rng.choice((rng.choice(PLACES), rng.choice(SURNAMES), rng.choice(_SITE_WORDS)))
    name = f"{head} {rng.choice(_SITE_WORDS)}"
    domain = "".join(name.lower().split()) + rng.choice((".com", ".net", ".info", ".news", ".online", ".xyz"))
    return Site(name, domain)


def _headlines(rng: random.Random, count: int) -> tuple[str, ...]:
    return tuple(random_headline(rng) for _ in range(count))


def _fixed_blocks(rng: random.Random, site: Site) -> list[Block]:
    """The usual furniture of a page, before any top-up."""
    day = date.fromordinal(date(2024, 1, 1).toordinal() + rng.randrange(700))
    nav = tuple(rng.sample(_NAV, rng.randint(6, 11)))
    section = rng.choice(nav)
    cookie_parts = (_COOKIE_OPENERS, _COOKIE_MIDDLES, _COOKIE_BUTTONS)
    cookie = " ".join(rng.choice(options) for options in cookie_parts)
    author = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    return [
        Block("nav", "top", "", nav),
        Block("breadcrumb", "top", "", ("Home", section, "Article"), " > "),
        Block("cookie", "top", "", (cookie,)),
        Block(
            "byline",
            "top",
            "",
            (f"By {author}", f"Published {day:%d %B %Y}", f"{rng.randint(2, 9)} min read"),
        ),
        Block("advert", "inline", "", ("Advertisement",)),
        Block("readmore", "inline", "", (f"Read more: {random_headline(rng)}",)),
        Block("share", "bottom", "Share this article", tuple(rng.sample(_SHARE, rng.randint(3, 7)))),
        Block("newsletter", "bottom", "Newsletter", (rng.choice(_NEWSLETTER), "Email address", "Subscribe")),
        Block("related", "bottom", rng.choice(_LIST_HEADINGS), _headlines(rng, rng.randint(3, 6)), "\n"),
        Block("follow", "bottom", "", (f"Follow {site.name} on", *rng.sample(_FOLLOW, 3))),
        Block("comments", "bottom", "", (f"Comments ({rng.randint(0, 40)})", "Leave a comment")),
        Block(
            "footer",
            "bottom",
            "",
            (
                f"© {day.year} {site.name}. All rights reserved.",
                *rng.sample(_FOOTER_LINKS, rng.randint(3, 7)),
            ),
        ),
    ]


def build_page(rng: random.Random, paragraphs: int, furniture_words: int, site: Site | None = None) -> Page:
    """Furniture of about ``furniture_words`` words (exactly, unless fewer than a short nav menu).

    Navigation and footer come first, other blocks in random order while they fit; headline lists then
    top up the budget and a tag list makes up the last few words.
    """
    site = site or random_site(rng)
    fixed = _fixed_blocks(rng, site)
    first, rest = fixed[:1] + fixed[-1:], fixed[1:-1]
    rng.shuffle(rest)
    chosen: list[Block] = []
    used = 0
    for block in first + rest:
        if used + block.words <= furniture_words:
            chosen.append(block)
            used += block.words
    headings = list(_LIST_HEADINGS)
    while furniture_words - used > 40:
        block = Block("related", "bottom", rng.choice(headings), _headlines(rng, rng.randint(3, 6)), "\n")
        if used + block.words > furniture_words:
            break
        chosen.append(block)
        used += block.words
    if furniture_words - used >= 2:
        tags = [rng.choice(_TAGS).split()[0] for _ in range(furniture_words - used - 1)]
        chosen.append(Block("tags", "bottom", "Tags:", tuple(tags), ", "))
    order = {"top": 0, "inline": 1, "bottom": 2}
    chosen.sort(key=lambda block: order[block.place])
    top = tuple(block for block in chosen if block.place == "top")
    inline_blocks = [block for block in chosen if block.place == "inline"]
    slots = sorted(rng.randrange(1, paragraphs) for _ in inline_blocks) if paragraphs > 1 else []
    inline = tuple(zip(slots, inline_blocks, strict=True)) if slots else ()
    bottom = tuple(block for block in chosen if block.place == "bottom")
    if inline_blocks and not slots:
        bottom = (*inline_blocks, *bottom)
    return Page(site, top, inline, bottom)


def render_text(page: Page, paragraphs: list[str]) -> str:
    """The page as text: blocks and article paragraphs separated by blank lines."""
    parts = [block.text for block in page.top]
    for index, paragraph in enumerate(paragraphs):
        parts.extend(block.text for at, block in page.inline if at == index)
        parts.append(paragraph)
    parts.extend(block.text for block in page.bottom)
    return "\n\n".join(parts)


def _slug(title: str) -> str:
    return "-".join("".join(char if char.isalnum() else " " for char in title.lower()).split()[:8])


def _html_block(block: Block) -> str:
    esc = html.escape
    if block.kind == "nav":
        links = "".join(f'<li><a href="/{esc(item.lower())}/">{esc(item)}</a></li>' for item in block.items)
        return f'<nav class="main-menu"><ul>{links}</ul></nav>'
    if block.kind in ("related", "share"):
        links = "".join(f'<li><a href="#">{esc(item)}</a></li>' for item in block.items)
        return f'<section class="{block.kind}"><h3>{esc(block.heading)}</h3><ul>{links}</ul></section>'
    if block.kind == "cookie":
        return f'<div id="cookie-banner" class="cookie-consent"><p>{esc(block.text)}</p></div>'
    if block.kind == "footer":
        links = " ".join(f'<a href="#">{esc(link)}</a>' for link in block.items[1:])
        return f"<footer><p>{esc(block.items[0])}</p><p>{links}</p></footer>"
    inner = esc(block.text).replace("\n", "<br>")
    return f'<div class="{block.kind}">{inner}</div>'


def render_html(page: Page, title: str, paragraphs: list[str], *, use_article_tag: bool) -> str:
    """A full HTML page: header and menu, the article in ``<article>`` or ``<div class="content">``,
    a sidebar with headline lists and newsletter, and a footer."""
    esc = html.escape
    header = [_html_block(block) for block in page.top if block.kind != "byline"]
    byline = [_html_block(block) for block in page.top if block.kind == "byline"]
    body: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        body.extend(_html_block(block) for at, block in page.inline if at == index)
        body.append(f"<p>{esc(paragraph)}</p>")
    sidebar_kinds = ("related", "newsletter", "tags")
    sidebar = [_html_block(block) for block in page.bottom if block.kind in sidebar_kinds]
    after = [_html_block(block) for block in page.bottom if block.kind not in (*sidebar_kinds, "footer")]
    footer = [_html_block(block) for block in page.bottom if block.kind == "footer"]
    opening, closing = ("<article>", "</article>") if use_article_tag else ('<div class="content">', "</div>")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f"<title>{esc(title)} | {esc(page.site.name)}</title>",
            f'<link rel="canonical" href="https://{esc(page.site.domain)}/news/{_slug(title)}">',
            "</head><body>",
            f'<header><a class="logo" href="/">{esc(page.site.name)}</a>{"".join(header)}</header>',
            '<main><div class="layout">',
            opening,
            f"<h1>{esc(title)}</h1>",
            *byline,
            *body,
            closing,
            *after,
            f'<aside class="sidebar">{"".join(sidebar)}</aside>',
            "</div></main>",
            *footer,
            "</body></html>",
        ]
    )
