"""The catalogue list's filters say what they do (issue 11 item 21): 有效性 follows a 规范性文件's
current status (ADR 0014: a repeal never edits the published revision), and the year filter offers
only years that have items of that list."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.catalogue import normative, selectors
from gongkai.catalogue.models import ItemRevision

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def published(make_item, drafter, publish):
    def make(title, *, on: datetime | None = None, **fields):
        item = make_item(title=title, **fields)
        revision = publish(item.revisions.get(), author=drafter)
        if on is not None:
            ItemRevision.objects.filter(pk=revision.pk).update(published_at=on)
        item.refresh_from_db()
        return item

    return make


def _titles(client, query: str) -> str:
    return client.get(f"/xxgk/catalogue/?{query}").content.decode()


def test_a_repealed_normative_document_is_never_listed_under_in_force(client, published, office_user):
    kept = published("现行的统计调查办法", document_number="榕统〔2025〕1号")
    repealed = published("被废止的统计调查办法", document_number="榕统〔2015〕1号")
    for item in (kept, repealed):
        normative.register_normative(actor=office_user, item=item, effective_on=date(2024, 1, 1))
    normative.change_status(
        actor=office_user, document=repealed.normative, status="repealed", reason="被新办法废止"
    )
    in_force = _titles(client, "validity=in_force")
    assert "现行的统计调查办法" in in_force and "被废止的统计调查办法" not in in_force
    repealed_list = _titles(client, "validity=repealed")
    assert "被废止的统计调查办法" in repealed_list and "现行的统计调查办法" not in repealed_list
    assert '<span class="badge warn">废止</span>' in repealed_list  # the badge says what the filter says


def test_a_period_that_ended_reads_expired_before_the_nightly_job_runs(client, published, office_user):
    item = published("有效期已过的办法")
    normative.register_normative(
        actor=office_user, item=item, effective_on=date(2020, 1, 1), expires_on=date(2021, 12, 31)
    )
    assert "有效期已过的办法" not in _titles(client, "validity=in_force")
    assert "有效期已过的办法" in _titles(client, "validity=expired")


def test_the_revision_field_still_counts_for_items_that_are_not_normative(client, published):
    published("普通信息", validity="expired")
    assert "普通信息" not in _titles(client, "validity=in_force")
    assert "普通信息" in _titles(client, "validity=expired")


def test_the_api_reports_the_same_validity_as_the_filter(client, published, office_user):
    item = published("被废止的办法")
    normative.register_normative(actor=office_user, item=item, effective_on=date(2024, 1, 1))
    normative.change_status(actor=office_user, document=item.normative, status="repealed", reason="废止")
    body = client.get("/api/v1/documents?validity=repealed").json()
    assert [(d["title"], d["validity"]) for d in body["items"]] == [("被废止的办法", "repealed")]
    assert client.get("/api/v1/documents?validity=in_force").json()["items"] == []


def test_the_year_filter_offers_only_years_with_items_in_local_time(client, agency, published):
    # 2024-12-31 20:00 UTC is 2025-01-01 04:00 in Fuzhou: the item belongs to 2025, as the filter reads it
    published("跨年夜发布的信息", on=datetime(2024, 12, 31, 20, 0, tzinfo=ZoneInfo("UTC")))
    published("2023年的信息", on=datetime(2023, 6, 1, 10, 0, tzinfo=SHANGHAI))
    assert selectors.public_years(agency) == [2025, 2023]
    page = _titles(client, "")
    assert '<option value="2025">2025年</option>' in page and '<option value="2023">2023年</option>' in page
    assert '<option value="2024">' not in page
    assert "跨年夜发布的信息" in _titles(client, "year=2025")


def test_the_superior_documents_list_offers_the_years_of_its_own_items(client, agency, published):
    published("本机关的信息", on=datetime(2022, 5, 1, 10, 0, tzinfo=SHANGHAI))
    published("上级文件", on=datetime(2021, 5, 1, 10, 0, tzinfo=SHANGHAI), source="higher_level")
    assert selectors.public_years(agency, source="own") == [2022]
    assert selectors.public_years(agency, source="higher_level") == [2021]


def test_the_unfiltered_list_shows_the_current_status_too(client, published, office_user):
    """The list without a filter reads its page's 有效性 by the rows' ids (ADR 0055): same badge."""
    repealed = published("被废止的统计调查办法", document_number="榕统〔2015〕1号")
    normative.register_normative(actor=office_user, item=repealed, effective_on=date(2024, 1, 1))
    normative.change_status(
        actor=office_user, document=repealed.normative, status="repealed", reason="被新办法废止"
    )
    published("普通信息", validity="expired")
    page = _titles(client, "")
    assert '<span class="badge warn">废止</span>' in page
    assert '<span class="badge warn">失效</span>' in page
