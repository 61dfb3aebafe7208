"""Rich text of item bodies: an allow-list of tags (nh3); everything else is removed or escaped."""

import html
import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "sub",
    "sup",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "span",
    "div",
    "hr",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "img": {"src", "alt"},
}


def _same_site_images(element: str, attribute: str, value: str) -> str | None:
    """Images only from this site (a path such as an uploaded attachment's link): the CSP allows no
    other, and an outside image would tell a third party who reads the page (issue 11.17)."""
    if element == "img" and attribute == "src":
        return value if value.startswith("/") and not value.startswith("//") else None
    return value


# An <img> whose src was refused (outside image) is dropped whole; nh3's output is well-formed.
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def clean_body(raw: str) -> str:
    """Sanitised HTML: scripts, styles, event handlers and unknown tags never reach the page."""
    cleaned = nh3.clean(
        raw or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_same_site_images,
    )
    return _IMG_WITHOUT_SRC.sub("", cleaned).strip()


def text_to_html(text: str) -> str:
    """Plain text (imports, seed documents) as paragraphs."""
    paragraphs = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def html_to_text(value: str) -> str:
    """The text of a body for scanning and search."""
    spaced = re.sub(r"(?i)</(p|div|li|tr|h[2-4])>|<br\s*/?>", "\n", value or "")
    return html.unescape(nh3.clean(spaced, tags=set())).strip()
