"""The public pages swept by the security, markup and accessibility tests: the shell's own pages and
every column page that a capability app has built (the sweep grows as `sections.py` columns resolve)."""

from gongkai.web.sections import SECTIONS, resolved_columns

SHELL_PAGES = [
    "/",
    *[s.path for s in SECTIONS],
    "/sitemap/",
    "/search/",
    "/search/?q=%E7%BB%9F%E8%AE%A1%E5%85%AC%E6%8A%A5",  # 统计公报
    "/no-such-page/",  # the 404 page
    "/office/login/",
]


def public_pages() -> list[str]:
    built = [c.url for s in SECTIONS for c in resolved_columns(s) if c.available]
    return SHELL_PAGES + [url for url in built if url not in SHELL_PAGES]


PUBLIC_PAGES = public_pages()
