"""A published version is never edited; an adjustment is a new version; the public sees every version
and the diff between two (REQUIREMENTS C3)."""

from datetime import date

import pytest

from gongkai.accounts import services as accounts_services
from gongkai.core.errors import Conflict, InvalidTransition, ValidationFailed
from gongkai.responsibilities import diff, selectors, services, xlsx
from gongkai.responsibilities.models import ListVersion, PowerItem

from .conftest import ROW, xlsx_bytes

pytestmark = pytest.mark.django_db
HEADER = [
    "序号",
    "职权编码",
    "职权名称",
    "职权类型",
    "职权内容",
    "行使主体",
    "法律依据",
    "责任事项",
    "追责情形",
    "办理流程",
]


def test_published_version_items_cannot_be_edited(first_version, office_user):
    item = first_version.items.first()
    with pytest.raises(InvalidTransition, match="调整清单"):
        services.save_item(actor=office_user, version=first_version, item=item, name="改名")
    assert PowerItem.objects.get(pk=item.pk).name == ROW["name"]


def test_adjustment_copies_the_current_version_and_supersedes_it_when_published(
    first_version, office_user, agency, publish
):
    v2 = services.start_adjustment(
        actor=office_user, agency=agency, change_note="依据修订的统计法调整", effective_on=date(2026, 7, 1)
    )
    assert v2.number == 2 and v2.items.count() == 2
    item = v2.items.get(code="QL-CF-001")
    services.save_item(
        actor=office_user, version=v2, item=item, basis="《中华人民共和国统计法》（2024年修正）第四十四条"
    )
    services.delete_item(actor=office_user, item=v2.items.get(code="QL-JC-001"))
    services.save_item(
        actor=office_user,
        version=v2,
        **{**ROW, "code": "QL-QR-001", "name": "统计调查项目审批", "power_type": "confirmation"},
    )
    publish(v2, author=office_user)
    first_version.refresh_from_db()
    assert (first_version.status, v2.status) == ("superseded", "published")
    assert selectors.current_version(agency) == v2
    assert [v.number for v in selectors.public_versions(agency)] == [2, 1]
    changes = selectors.version_diff(first_version, v2)
    assert [(c.code, c.change) for c in changes] == [
        ("QL-CF-001", "changed"),
        ("QL-QR-001", "added"),
        ("QL-JC-001", "removed"),
    ]
    assert changes[0].fields == (
        diff.FieldChange(
            "法律依据",
            "《中华人民共和国统计法》第四十四条",
            "《中华人民共和国统计法》（2024年修正）第四十四条",
        ),
    )


def test_one_open_adjustment_at_a_time(first_version, office_user, agency):
    services.start_adjustment(
        actor=office_user, agency=agency, change_note="a", effective_on=date(2026, 7, 1)
    )
    with pytest.raises(Conflict):
        services.start_adjustment(
            actor=office_user, agency=agency, change_note="b", effective_on=date(2026, 7, 1)
        )
    assert ListVersion.objects.count() == 2


def test_adjustment_needs_a_change_note(first_version, office_user, agency):
    with pytest.raises(ValidationFailed, match="调整说明"):
        services.start_adjustment(
            actor=office_user, agency=agency, change_note=" ", effective_on=date(2026, 7, 1)
        )
    assert ListVersion.objects.count() == 1


def test_withdrawing_the_current_version_restores_the_previous(first_version, office_user, agency, publish):
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    v2 = services.start_adjustment(
        actor=office_user, agency=agency, change_note="调整", effective_on=date(2026, 7, 1)
    )
    publish(v2, author=office_user)
    publishing.withdraw(actor=office_user, workflow=workflow_for(v2), reason="调整有误")
    assert selectors.current_version(agency) == first_version


def test_xlsx_import_is_all_or_nothing_with_every_line_error(first_version, office_user, agency):
    data = xlsx_bytes(
        [
            ["福州市统计局权责清单"],
            HEADER,
            [1, "A-1", "甲", "行政处罚", "", "福州市统计局", "统计法第四十四条", "", "", ""],
            [2, "A-2", "", "行政检查", "", "福州市统计局", "统计法第三十五条", "", "", ""],
            [3, "A-3", "丙", "审批", "", "福州市统计局", "x", "", "", ""],
            [4, "A-1", "丁", "行政许可", "", "福州市统计局", "x", "", "", ""],
        ]
    )
    with pytest.raises(services.ImportFailed) as caught:
        services.import_xlsx(
            actor=office_user, agency=agency, data=data, change_note="导入", effective_on=date(2026, 7, 1)
        )
    assert caught.value.lines == [
        "第 4 行：职权名称不能为空。",
        "第 5 行：职权类型“审批”无法识别。",
        "第 6 行：职权编码 A-1 与第 3 行重复。",
    ]
    assert ListVersion.objects.count() == 1


def test_xlsx_import_creates_a_draft_version(first_version, office_user, agency):
    data = xlsx_bytes(
        [HEADER, [1, "A-1", "甲", "处罚", "内容", "福州市统计局", "统计法第四十四条", "责任", "追责", "流程"]]
    )
    v2 = services.import_xlsx(
        actor=office_user, agency=agency, data=data, change_note="导入", effective_on=date(2026, 7, 1)
    )
    assert (v2.number, v2.status) == (2, "draft")
    assert list(v2.items.values_list("code", "power_type", "process")) == [("A-1", "penalty", "流程")]


def test_xlsx_export_reimports_to_the_same_items(first_version):
    parsed = xlsx.parse(xlsx.export(first_version.items.all()))
    assert parsed.errors == []
    assert [r["code"] for r in parsed.rows] == ["QL-CF-001", "QL-JC-001"]


def test_unreadable_file_is_one_chinese_error():
    assert xlsx.parse(b"not a spreadsheet").errors == ["无法读取该文件，请上传 Excel（.xlsx）文件。"]


def test_public_pages_current_history_and_diff(first_version, office_user, agency, publish, client):
    v2 = services.start_adjustment(
        actor=office_user, agency=agency, change_note="新增审批事项", effective_on=date(2026, 7, 1)
    )
    services.save_item(
        actor=office_user,
        version=v2,
        **{**ROW, "code": "QL-QR-001", "name": "统计调查项目审批", "power_type": "confirmation"},
    )
    assert client.get("/bsfw/qzqd/v2/").status_code == 404  # a draft is not public
    publish(v2, author=office_user)
    html = client.get("/bsfw/qzqd/").content.decode()
    assert "统计调查项目审批" in html and "第 2 版" in html
    assert "统计调查项目审批" not in client.get("/bsfw/qzqd/v1/").content.decode()
    html = client.get("/bsfw/qzqd/diff/?from=1&to=2").content.decode()
    assert "新增</span> QL-QR-001 统计调查项目审批" in html
    assert client.get("/bsfw/qzqd/diff/?from=1&to=9").content.decode().count("请选择两个已发布的版本") == 1
    assert client.get("/bsfw/qzqd/versions/").status_code == 200
    item = v2.items.get(code="QL-QR-001")
    assert "统计调查项目审批" in client.get(f"/bsfw/qzqd/items/{item.pk}/").content.decode()
    assert client.get("/bsfw/qzqd/feed/").status_code == 200


def test_api_current_versions_diff_and_staff_adjustment(first_version, office_user, client):

    body = client.get("/api/v1/power-list").json()
    assert body["number"] == 1 and [i["code"] for i in body["items"]] == ["QL-CF-001", "QL-JC-001"]
    _t, raw = accounts_services.issue_api_token(actor=office_user, label="t")
    response = client.post(
        "/api/v1/power-list/adjustments",
        {"change_note": "调整", "effective_on": "2026-07-01"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 201 and response.json()["number"] == 2
    assert client.get("/api/v1/power-list/versions/2").status_code == 404  # a draft is not public
    assert client.get("/api/v1/power-list/diff?old=1&new=1").json() == []


def test_a_drafter_may_not_start_an_adjustment_of_the_whole_agencys_list(agency, drafter):
    """The list belongs to no department: the guard refuses a 承办人 before any draft version is made
    (the API permission sweep, tests/test_api_permission_map.py, checks the route for every role)."""
    from gongkai.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.start_adjustment(
            actor=drafter, agency=agency, change_note="调整", effective_on=date(2026, 7, 1)
        )
    assert not ListVersion.objects.exists()
