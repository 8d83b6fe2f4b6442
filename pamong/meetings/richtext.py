"""Minutes (notulen) as sanitised rich text. Whatever arrives (typed plain text without JavaScript, or HTML from
the small toolbar) is cleaned on the server with nh3 to a short list of tags before it is stored."""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "h3", "h4", "a"})
ALLOWED_ATTRIBUTES = {"a": frozenset({"href"})}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
MAX_LENGTH = 100_000
_TAG = re.compile(r"<\s*/?\s*(p|br|strong|b|em|i|ul|ol|li|h[1-6]|a|div|span)\b[^>]*>", re.IGNORECASE)


def plain_to_html(text: str) -> str:
    """Text typed without the toolbar: blank lines separate paragraphs, single line breaks are kept."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    return "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)


def sanitize(raw: str) -> str:
    """Clean minutes to the allowed tags: scripts, styles, event handlers and other attributes are dropped;
    links keep only their href (http, https, mailto) and get rel="noopener"."""
    raw = (raw or "").strip()[:MAX_LENGTH]
    if not raw:
        return ""
    if not _TAG.search(raw):  # no formatting tag: typed as plain text, so any "<" is text, not markup
        raw = plain_to_html(raw)
    return nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener",
        strip_comments=True,
    ).strip()
