import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.accounts.roles import Role
from gongkai.confidentiality import services
from gongkai.confidentiality.models import NegativeListEntry, ScanFinding
from gongkai.core.models import AuditEvent

from . import builders as b

pytestmark = pytest.mark.django_db

ENTRY = {
    "matter": "单个统计调查对象的资料",
    "legal_basis": "《统计法》第二十八条",
    "terms": "统计调查对象名录",
    "note": "",
    "sort_order": 1,
    "is_active": "on",
}


@pytest.fixture
def entry(agency, make_user):
    return services.save_negative_list_entry(
        actor=make_user(Role.OPENNESS_OFFICE),
        agency=agency,
        matter="内部事务信息",
        legal_basis="条例第十六条",
        terms="干部考察材料",
    )


@pytest.fixture
def report(agency, department):
    return services.run_scan(
        actor=None,
        agency=agency,
        subject=department,
        stage="submission",
        sources=[],
        files=[("名单.docx", b.docx([f"身份证号{b.VALID_ID}"]))],
    )


def test_openness_office_adds_an_entry_through_the_form(staff_client, make_user):
    client = staff_client(make_user(Role.OPENNESS_OFFICE))
    response = client.post("/office/confidentiality/negative-list/new/", ENTRY)
    assert response.status_code == 302
    assert NegativeListEntry.objects.get().term_list == ["统计调查对象名录"]
    page = client.get("/office/confidentiality/negative-list/").content.decode()
    assert "单个统计调查对象的资料" in page
    assert "新增事项" in page


def test_bad_input_keeps_what_was_typed(staff_client, make_user):
    client = staff_client(make_user(Role.OPENNESS_OFFICE))
    response = client.post("/office/confidentiality/negative-list/new/", {**ENTRY, "terms": "密"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "检查用词语至少 2 个字" in html
    assert "单个统计调查对象的资料" in html
    assert not NegativeListEntry.objects.exists()


@pytest.mark.parametrize(
    "role", [Role.DRAFTER, Role.CONFIDENTIALITY_REVIEWER, Role.APPROVER, Role.SUPERVISOR, Role.ADMINISTRATOR]
)
def test_other_roles_read_the_list_but_their_posts_change_nothing(staff_client, make_user, entry, role):
    client = staff_client(make_user(role))
    page = client.get("/office/confidentiality/negative-list/")
    assert page.status_code == 200
    assert "内部事务信息" in page.content.decode()
    assert "新增事项" not in page.content.decode()
    before = (
        list(NegativeListEntry.objects.values()),
        AuditEvent.objects.exclude(verb__in=("auth.login", "access.denied")).count(),
    )
    assert client.post("/office/confidentiality/negative-list/new/", ENTRY).status_code == 403
    assert client.post(f"/office/confidentiality/negative-list/{entry.pk}/", ENTRY).status_code == 403
    assert client.post(f"/office/confidentiality/negative-list/{entry.pk}/deactivate/").status_code == 403
    assert (
        list(NegativeListEntry.objects.values()),
        AuditEvent.objects.exclude(verb__in=("auth.login", "access.denied")).count(),
    ) == before


def test_office_pages_refuse_anonymous_users(client, entry, report):
    finding = report.findings.get()
    for url in [
        "/office/confidentiality/negative-list/",
        "/office/confidentiality/negative-list/new/",
        f"/office/confidentiality/reports/{report.pk}/",
        "/office/confidentiality/scan/",
    ]:
        assert client.get(url).status_code == 302, url
    assert (
        client.post(
            f"/office/confidentiality/findings/{finding.pk}/override/", {"reason": "理由理由"}
        ).status_code
        == 302
    )
    assert not ScanFinding.objects.get(pk=finding.pk).is_overridden


def test_deactivate_takes_the_entry_off_the_public_page(staff_client, make_user, entry, client):
    office = staff_client(make_user(Role.OPENNESS_OFFICE))
    assert office.post(f"/office/confidentiality/negative-list/{entry.pk}/deactivate/").status_code == 302
    office.logout()
    assert "内部事务信息" not in client.get("/xxgk/fmqd/").content.decode()


def test_public_page_lists_active_entries_with_basis_and_has_an_empty_state(client, agency, entry):
    html = client.get("/xxgk/fmqd/").content.decode()
    assert "内部事务信息" in html and "条例第十六条" in html
    assert "干部考察材料" not in html  # the scan terms are a working tool, not part of the public list
    NegativeListEntry.objects.all().delete()
    assert "本机关尚未公布不予公开事项清单" in client.get("/xxgk/fmqd/").content.decode()


def test_reviewer_overrides_from_the_findings_partial_and_returns_to_next(staff_client, make_user, report):
    client = staff_client(make_user(Role.CONFIDENTIALITY_REVIEWER))
    page = client.get(f"/office/confidentiality/reports/{report.pk}/").content.decode()
    assert "居民身份证号码" in page and "110105********002X" in page and "确认并说明理由" in page
    finding = report.findings.get()
    response = client.post(
        f"/office/confidentiality/findings/{finding.pk}/override/",
        {"reason": "已取得本人书面同意", "next": "/office/publishing/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/office/publishing/"
    assert ScanFinding.objects.get(pk=finding.pk).override_reason == "已取得本人书面同意"


def test_override_without_reason_or_to_a_foreign_next_is_safe(staff_client, make_user, report):
    client = staff_client(make_user(Role.APPROVER))
    finding = report.findings.get()
    response = client.post(
        f"/office/confidentiality/findings/{finding.pk}/override/",
        {"reason": "", "next": "https://evil.example/"},
    )
    assert response["Location"] == f"/office/confidentiality/reports/{report.pk}/"
    assert not ScanFinding.objects.get(pk=finding.pk).is_overridden


def test_drafter_sees_findings_but_no_override_form_and_cannot_override(staff_client, make_user, report):
    client = staff_client(make_user(Role.DRAFTER))
    page = client.get(f"/office/confidentiality/reports/{report.pk}/").content.decode()
    assert "110105********002X" in page and "确认并说明理由" not in page
    finding = report.findings.get()
    assert (
        client.post(
            f"/office/confidentiality/findings/{finding.pk}/override/", {"reason": "我觉得没问题"}
        ).status_code
        == 403
    )
    assert not ScanFinding.objects.get(pk=finding.pk).is_overridden


def test_report_of_another_agency_is_not_found(staff_client, make_user, report, other_agency):
    client = staff_client(make_user(Role.CONFIDENTIALITY_REVIEWER, agency=other_agency))
    assert client.get(f"/office/confidentiality/reports/{report.pk}/").status_code == 404


def test_scan_tool_shows_findings_and_stores_nothing(staff_client, make_user):
    client = staff_client(make_user(Role.DRAFTER))
    upload = SimpleUploadedFile("名单.xlsx", b.xlsx([["身份证"], [b.VALID_ID]]))
    html = client.post("/office/confidentiality/scan/", {"file": upload}).content.decode()
    assert "《名单.xlsx》的检查结果" in html
    assert "工作表“Sheet1” 第2行 A列" in html and "110105********002X" in html
    assert b.VALID_ID not in html
    assert not ScanFinding.objects.exists()


def test_scan_tool_refuses_a_misnamed_file_with_a_message_beside_the_field(staff_client, make_user):
    client = staff_client(make_user(Role.DRAFTER))
    upload = SimpleUploadedFile("通知.pdf", b.docx(["x"]))
    html = client.post("/office/confidentiality/scan/", {"file": upload}).content.decode()
    assert "扩展名“.pdf”与文件内容（Word 文档）不符" in html


def test_scan_tool_shows_the_empty_state_for_a_clean_file(staff_client, make_user):
    client = staff_client(make_user(Role.CONFIDENTIALITY_REVIEWER))
    upload = SimpleUploadedFile("通知.docx", b.docx(["关于做好统计工作的通知"]))
    assert "未发现密级标志" in client.post("/office/confidentiality/scan/", {"file": upload}).content.decode()


def test_spokesperson_cannot_use_the_scan_tool(staff_client, make_user):
    assert staff_client(make_user(Role.SPOKESPERSON)).get("/office/confidentiality/scan/").status_code == 403


def test_scan_tool_shows_the_new_personal_data_kinds_in_chinese(staff_client, make_user):
    """Issue 11 item 20: each new kind appears with its Chinese label, the numbers masked."""
    client = staff_client(make_user(Role.DRAFTER))
    rows = [
        ["姓名", "证件", "车辆", "邮箱", "住宅电话"],
        ["张三", "护照 E12345678", "闽A·D12345", "zhangsan@163.com", "家庭电话 0591-87654321"],
        ["李四", "台胞证 01234567", "粤B12345D", "lisi@qq.com", "港澳通行证 C12345678"],
    ]
    upload = SimpleUploadedFile("名单.xlsx", b.xlsx(rows))
    html = client.post("/office/confidentiality/scan/", {"file": upload}).content.decode()
    for label in ("护照号码", "台湾通行证号码", "港澳通行证号码", "机动车号牌", "个人电子邮箱", "住宅电话"):
        assert f"<td>{label}</td>" in html
    for secret in ("E12345678", "01234567", "D12345", "zhangsan@", "87654321", "C12345678"):
        assert secret not in html
