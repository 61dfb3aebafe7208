from datetime import UTC, date, datetime

import pytest

from gongkai.annual_reports import tables
from gongkai.catalogue.models import (
    InformationItem,
    NormativeDocument,
    NormativeStatus,
    NormativeStatusChange,
)

PUBLISHED = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.fixture
def normative(agency):
    def make(effective_on, *, expires_on=None, ended=None, source="own", published=True):
        item = InformationItem.objects.create(
            agency=agency, source=source, first_published_at=PUBLISHED if published else None
        )
        document = NormativeDocument.objects.create(
            agency=agency, item=item, effective_on=effective_on, expires_on=expires_on
        )
        if ended:
            status, on = ended
            NormativeStatusChange.objects.create(
                document=document, from_status=NormativeStatus.IN_FORCE, to_status=status, effective_on=on
            )
            document.status, document.status_on = status, on
            document.save()
        return document

    return make


@pytest.mark.django_db
def test_table2_normative_documents_issued_repealed_and_in_force_on_31_december(agency, normative):
    normative(date(2025, 3, 1))  # issued 2025, in force
    normative(date(2023, 5, 1))  # older, in force
    normative(date(2022, 1, 1), ended=(NormativeStatus.REPEALED, date(2025, 6, 30)))  # repealed 2025
    normative(date(2021, 1, 1), expires_on=date(2025, 12, 31))  # last day 31 Dec: still in force, ends 2026
    normative(date(2021, 1, 1), expires_on=date(2025, 8, 31))  # expired in 2025 (job not yet run)
    normative(date(2020, 1, 1), ended=(NormativeStatus.EXPIRED, date(2024, 7, 1)))  # ended before the year
    normative(date(2025, 9, 1), ended=(NormativeStatus.AMENDED, date(2025, 11, 1)))  # amended: still valid
    normative(date(2026, 1, 1))  # issued next year
    normative(date(2025, 2, 1), source="higher_level")  # a higher authority's document: not ours
    normative(date(2025, 2, 1), published=False)  # never published

    assert tables.normative_counts(agency, 2025) == {"issued": 2, "repealed": 2, "in_force": 4}
    assert tables.normative_counts(agency, 2026) == {"issued": 1, "repealed": 1, "in_force": 4}


@pytest.mark.django_db
def test_table2_takes_the_entered_figures_and_shows_the_amount_in_ten_thousand_yuan(make_report):
    from decimal import Decimal

    report = make_report(penalty_decisions=7, fees_amount=Decimal("1.2500"))
    t2 = tables.compute_table2(report)
    assert t2["penalty"] == 7
    assert t2["fees"] == "1.25"
    assert t2["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}


@pytest.mark.django_db
def test_table4_check_names_the_row_and_the_total_cell():
    bad = {
        "review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 3},
        "suit_direct": dict.fromkeys(("upheld", "corrected", "other", "pending", "total"), 0),
        "suit_after_review": dict.fromkeys(("upheld", "corrected", "other", "pending", "total"), 0),
    }
    with pytest.raises(tables.TableCheckFailed) as caught:
        tables.check_table4(bad)
    assert caught.value.message.startswith("表四“行政复议”行“总计”列应为 2，实为 3")
