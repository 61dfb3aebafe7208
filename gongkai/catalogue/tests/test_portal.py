from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from gongkai.catalogue import services
from gongkai.catalogue.views.portal import content_disposition

from .conftest import make_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_item(make_item, drafter, publish, node):
    item = make_item(
        title="2025年统计公报",
        summary="全年经济运行情况",
        node=node,
        document_number="榕统〔2026〕1号",
        topic="综合政务\\统计",
    )
    revision = item.revisions.get()
    services.add_attachment(
        actor=drafter, revision=revision, filename="2025年统计公报附表.pdf", data=make_pdf()
    )
    publish(revision, author=drafter)
    item.refresh_from_db()
    return item


@pytest.fixture
def hidden_items(make_item, drafter, publish):
    draft = make_item(title="尚未发布的草稿")
    future = make_item(title="明天才发布的定时信息")
    publish(future.revisions.get(), author=drafter, publish_at=timezone.now() + timedelta(days=1))
    return draft, future


def test_item_page_shows_the_metadata_block_body_attachments(client, public_item):
    response = client.get(f"/xxgk/items/{public_item.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "索引号",
        public_item.index_number,
        "主题分类",
        "综合政务\\统计",
        "发文机关",
        "福州市统计局",
        "成文日期",
        "发文字号",
        "榕统〔2026〕1号",
        "发布日期",
        "有 效 性",
        "有效",
        "全年全市地区生产总值",
        "2025年统计公报附表.pdf",
        "PDF 文档",
    ):
        assert text in html, text


def test_repealed_item_shows_a_banner(client, public_item):
    from gongkai.catalogue.models import ItemRevision

    ItemRevision.objects.filter(pk=public_item.current_revision_id).update(validity="repealed")
    assert "本文件已废止" in client.get(f"/xxgk/items/{public_item.slug}/").content.decode()


def test_attachment_download_keeps_the_chinese_file_name(client, public_item):
    attachment = public_item.current_revision.attachments.get()
    response = client.get(f"/xxgk/items/{public_item.slug}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"2025_______.pdf\"; filename*=UTF-8''" + quote("2025年统计公报附表.pdf")
    )
    assert response.content == make_pdf()


def test_content_disposition_escapes_quotes():
    assert content_disposition('a"b.pdf') == "attachment; filename=\"a_b.pdf\"; filename*=UTF-8''a%22b.pdf"


def test_a_missing_attachment_file_gives_a_chinese_410_not_a_500(client, public_item):
    attachment = public_item.current_revision.attachments.get()
    default_storage.delete(attachment.file.name)
    response = client.get(f"/xxgk/items/{public_item.slug}/attachments/{attachment.pk}/")
    assert response.status_code == 410
    assert "附件暂时无法下载" in response.content.decode()


def test_unknown_attachment_is_404(client, public_item):
    assert client.get(f"/xxgk/items/{public_item.slug}/attachments/999999/").status_code == 404


def test_catalogue_lists_index_name_summary_date(client, public_item):
    html = client.get("/xxgk/catalogue/").content.decode()
    assert public_item.index_number in html and "2025年统计公报" in html and "全年经济运行情况" in html
    assert timezone.localdate().isoformat() in html
    assert "共 <strong>1</strong> 条" in html


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("category=result", 1),
        ("category=decision", 0),
        ("validity=repealed", 0),
        ("issuer=福州市统计局", 1),
        ("q=统计公报", 1),
        ("q=不存在", 0),
        ("year=1999", 0),
        ("year=abc", 1),
        ("node=999999", 1),
        ("sort=title", 1),
        ("page=99", 1),
    ],
)
def test_catalogue_filters(client, public_item, query, count):
    response = client.get(f"/xxgk/catalogue/?{query}")
    assert response.status_code == 200
    assert f"共 <strong>{count}</strong> 条" in response.content.decode()


def test_catalogue_filter_by_node(client, public_item, node):
    assert "共 <strong>1</strong> 条" in client.get(f"/xxgk/catalogue/?node={node.pk}").content.decode()


def test_drafts_and_future_scheduled_items_are_invisible_everywhere(client, public_item, hidden_items):
    draft, future = hidden_items
    pages = [
        "/xxgk/catalogue/",
        "/xxgk/higher-level/",
        "/xxgk/feed/rss/",
        "/xxgk/feed/atom/",
        "/xxgk/feed/result/rss/",
        "/sitemap.xml",
        "/xxgk/basic-catalogue/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "尚未发布的草稿" not in html and "明天才发布" not in html, url
        assert draft.slug not in html and future.slug not in html, url
    assert client.get(f"/xxgk/items/{draft.slug}/").status_code == 404
    assert client.get(f"/xxgk/items/{future.slug}/").status_code == 404
    assert public_item.slug in client.get("/sitemap.xml").content.decode()


def test_feeds(client, public_item):
    rss = client.get("/xxgk/feed/rss/")
    assert rss.status_code == 200 and "2025年统计公报" in rss.content.decode()
    atom = client.get("/xxgk/feed/result/atom/")
    assert (
        atom["Content-Type"].startswith("application/atom+xml") and "2025年统计公报" in atom.content.decode()
    )
    assert "2025年统计公报" not in client.get("/xxgk/feed/decision/rss/").content.decode()
    assert client.get("/xxgk/feed/nonsense/rss/").status_code == 404


def test_guide_is_generated_from_settings_and_catalogue(client, public_item, node):
    html = client.get("/xxgk/guide/").content.decode()
    for text in ("政府信息公开指南", "0591-00000000", "决策公开", "统计公报", "依申请公开", "第二十六条"):
        assert text in html, text


def test_basic_catalogue_page(client, public_item, node):
    html = client.get("/xxgk/basic-catalogue/").content.decode()
    assert "公开依据" in html and "统计公报" in html and "1 条" in html


def test_empty_catalogue_has_an_empty_state(client, agency):
    assert "没有符合条件的政府信息" in client.get("/xxgk/catalogue/").content.decode()


def test_withdrawn_item_gives_410_with_reason(client, public_item, office_user):
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    publishing.withdraw(
        actor=office_user, workflow=workflow_for(public_item.current_revision), reason="内容需要核实"
    )
    response = client.get(f"/xxgk/items/{public_item.slug}/")
    assert response.status_code == 410 and "内容需要核实" in response.content.decode()


def test_other_agencys_items_are_not_on_this_site(client, public_item, other_agency, settings):
    settings.GONGKAI_DEFAULT_AGENCY = "fzfgw"
    assert client.get(f"/xxgk/items/{public_item.slug}/").status_code == 404
    assert "2025年统计公报" not in client.get("/xxgk/catalogue/").content.decode()
