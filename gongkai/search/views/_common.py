def agency_id(request) -> int | None:
    """The agency whose public site is served; None when no agency is set up yet."""
    agency = getattr(request, "agency", None)
    try:
        return agency.pk if agency else None
    except Exception:  # noqa: BLE001 - a lazy agency that cannot load means: search everything
        return None


def page_numbers(current: int, last: int, *, around: int = 2) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20: None marks a gap."""
    pages = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    out, previous = [], 0
    for p in pages:
        if p - previous > 1:
            out.append(None)
        out.append(p)
        previous = p
    return out


def link(url: str, agency_id: int | None = None) -> str:
    """A stored result URL (site-relative) inside the site of the agency that holds the document, else
    of the site being served (core.sites; issue 18 item 1)."""
    from gongkai.core import sites

    agency = sites.agency_by_id(agency_id) if agency_id else None
    return sites.agency_path(agency or sites.site_agency(), url)


def on_site(hit):
    from dataclasses import replace

    return replace(hit, url=link(hit.url, hit.agency_id))
