"""The office screens: list, campaign page with filters and pagination, decide forms, report download."""

import io

import pytest
from django.utils import timezone
from docx import Document

from gongkai.accounts.roles import Role
from gongkai.self_inspection import services
from gongkai.self_inspection.models import Campaign

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(office_user):
    f.negative_entry(office_user)
    f.withheld_item(office_user, "统计执法检查内部工作方案")
    f.foi_request(office_user.agency, "某企业2024年统计报表原始数据", applicant="乙", outcome="third_party")
    return services.create_campaign(
        actor=office_user, agency=office_user.agency, year=timezone.localdate().year
    )


def test_openness_office_starts_a_campaign_from_the_list(client, office_user):
    client.force_login(office_user)
    assert "还没有年度自查" in client.get("/office/self-inspection/").content.decode()
    response = client.post("/office/self-inspection/new/", {"year": "1999"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "自 2008 年起施行" in page and 'value="1999"' in page  # beside the field, typed value kept
    response = client.post("/office/self-inspection/new/", {"year": "abc"})
    assert "请填写四位数的年度" in response.content.decode()
    year = timezone.localdate().year
    response = client.post("/office/self-inspection/new/", {"year": str(year)})
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/office/self-inspection/{campaign.pk}/"
    assert f"{year} 年度政务公开自查" in client.get("/office/self-inspection/").content.decode()


def test_campaign_page_filters_and_paginates(client, office_user, campaign):
    for n in range(30):
        f.withheld_item(office_user, f"内部事务信息第{n:02d}号")
    services.collect_entries(actor=office_user, campaign=campaign)
    client.force_login(office_user)
    url = f"/office/self-inspection/{campaign.pk}/"
    page = client.get(url).content.decode()
    assert 'id="fig-total">32<' in page and "第 1 / 2 页" in page
    page = client.get(url, {"kind": "foi_withheld"}).content.decode()
    assert "某企业2024年统计报表原始数据" in page and "内部事务信息第00号" not in page
    page = client.get(url, {"q": "第29号"}).content.decode()
    assert "内部事务信息第29号" in page and "内部事务信息第28号" not in page
    page = client.get(url, {"decision": "undecided", "page": "2"}).content.decode()
    assert "第 2 / 2 页" in page


def test_decide_form_explains_in_chinese_and_keeps_what_was_typed(client, office_user, campaign):
    entry = campaign.entries.get(kind="catalogue_withheld")
    client.force_login(office_user)
    url = f"/office/self-inspection/entries/{entry.pk}/decide/"
    page = client.get(url).content.decode()
    assert "依据条款原文" in page and "第十六条第二款" in page
    response = client.post(url, {"decision": "keep_withheld", "article": "", "reason": "属于内部事务信息"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "继续不公开必须选择《政府信息公开条例》的依据条款" in page and "属于内部事务信息" in page
    response = client.post(url, {"decision": "", "reason": ""})
    page = response.content.decode()
    assert "请选择自查决定。" in page and "请填写决定理由。" in page
    response = client.post(
        url, {"decision": "keep_withheld", "article": "art16_1", "reason": "属于内部事务信息"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.decision, entry.article, entry.decided_by) == ("keep_withheld", "art16_1", office_user)
    page = client.get(f"/office/self-inspection/{campaign.pk}/").content.decode()
    assert "《政府信息公开条例》第十六条第一款" in page and "林晓" in page


def test_publish_decision_links_the_draft_and_shows_its_state(client, office_user, campaign):
    entry = campaign.entries.get(kind="foi_withheld")
    client.force_login(office_user)
    client.post(
        f"/office/self-inspection/entries/{entry.pk}/decide/",
        {"decision": "publish", "reason": "第三方已同意公开"},
    )
    entry.refresh_from_db()
    page = client.get(f"/office/self-inspection/{campaign.pk}/", {"decision": "publish"}).content.decode()
    assert f'href="/office/catalogue/{entry.item_id}/"' in page and ">草稿</a>" in page


def test_negative_list_review_form(client, office_user, campaign):
    review = campaign.negative_reviews.get()
    client.force_login(office_user)
    url = f"/office/self-inspection/negative-list/{review.pk}/"
    response = client.post(
        url,
        {
            "outcome": "change",
            "reason": "词语过宽",
            "matter": "统计调查对象名录",
            "legal_basis": "",
            "terms": "x",
        },
    )
    assert "检查用词语至少 2 个字" in response.content.decode()
    response = client.post(url, {"outcome": "keep", "reason": "仍需"})
    assert "至少 4 个字" in response.content.decode()
    response = client.post(url, {"outcome": "keep", "reason": "仍需保留该事项"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.outcome == "keep"


def test_close_refused_with_the_reason_then_report_is_final(client, office_user, campaign):
    client.force_login(office_user)
    url = f"/office/self-inspection/{campaign.pk}/close/"
    response = client.post(url, {"conclusion": "已全部整改并报送市政府办公厅。"})
    assert "还有 2 项信息未作出自查决定" in response.content.decode()
    for entry in campaign.entries.all():
        services.decide_entry(
            actor=office_user, entry=entry, decision="keep_withheld", article="art15", reason="涉及商业秘密"
        )
    services.review_negative_entry(
        actor=office_user, review=campaign.negative_reviews.get(), outcome="keep", reason="仍需保留"
    )
    assert client.post(url, {"conclusion": "已全部整改并报送市政府办公厅。"}).status_code == 302
    page = client.get(f"/office/self-inspection/{campaign.pk}/").content.decode()
    assert "已完成" in page and "作出决定" not in page and "完成自查</button>" not in page


def test_report_download_is_a_docx_with_the_counts_and_the_list(client, office_user, campaign):
    entry = campaign.entries.get(kind="foi_withheld")
    services.decide_entry(actor=office_user, entry=entry, decision="publish", reason="第三方已同意公开")
    client.force_login(office_user)
    response = client.get(f"/office/self-inspection/{campaign.pk}/report.docx")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    year = campaign.year
    assert f"福州市统计局{year}年度政务公开自查情况报告" in text
    assert "市人民政府办公厅：" in text
    assert "共自查信息 2 项" in text and "依申请公开不予公开答复 1 项" in text
    assert "转为主动公开 1 项（已发布 0 项）" in text and "尚未决定 1 项" in text
    assert "（草稿：自查尚未完成" in text
    listing, negative = document.tables
    rows = [[c.text for c in row.cells] for row in listing.rows]
    assert rows[0] == ["序号", "信息名称", "编号", "来源", "自查决定", "理由", "决定人"]
    published = next(r for r in rows if r[1] == "某企业2024年统计报表原始数据")
    assert published[4].startswith("转为主动公开（草稿）") and published[6] == "林晓"
    assert [c.text for c in negative.rows[1].cells][1:4] == [
        "统计调查对象名录",
        "《统计法》第三十九条；条例第十四条",
        "未审查",
    ]


def test_supervisor_reads_but_cannot_decide_and_other_agencies_see_nothing(
    client, campaign, make_user, other_agency
):
    client.force_login(make_user(Role.SUPERVISOR))
    assert client.get(f"/office/self-inspection/{campaign.pk}/").status_code == 200
    assert client.get(f"/office/self-inspection/{campaign.pk}/report.docx").status_code == 200
    entry = campaign.entries.first()
    assert client.get(f"/office/self-inspection/entries/{entry.pk}/decide/").status_code == 403
    client.force_login(make_user(Role.OPENNESS_OFFICE, agency=other_agency))
    assert client.get(f"/office/self-inspection/{campaign.pk}/").status_code == 404
    assert client.get(f"/office/self-inspection/{campaign.pk}/report.docx").status_code == 404
    assert (
        client.post(
            f"/office/self-inspection/entries/{entry.pk}/decide/",
            {"decision": "publish", "reason": "可以公开了"},
        ).status_code
        == 404
    )
    entry.refresh_from_db()
    assert entry.decision == ""


def test_office_home_shows_what_is_left_to_decide(client, office_user, campaign, make_user):
    client.force_login(office_user)
    page = client.get("/office/").content.decode()
    assert f"{campaign.year} 年度政务公开自查" in page and "未决定 2 项 / 共 2 项" in page
    client.force_login(make_user(Role.SUPERVISOR))
    assert "未决定 2 项" not in client.get("/office/").content.decode()
