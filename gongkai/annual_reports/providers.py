"""Figures of table 二 that other capabilities keep as records (issue 13): 行政许可 / 行政处罚 /
行政强制 decisions made in the year (enforcement), and 行政事业性收费 when the agency's published
办事指南 show that it charges nothing. A figure the records cannot give is None (typed by staff)."""

from decimal import Decimal


def recorded_figures(agency, year: int) -> dict:
    from gongkai.enforcement.selectors import decision_counts
    from gongkai.service_guides.selectors import current_guides

    figures = dict(decision_counts(agency, year))
    guides = list(current_guides(agency).values_list("fee_free", flat=True))
    figures["fees"] = Decimal(0) if guides and all(guides) else None
    return figures
