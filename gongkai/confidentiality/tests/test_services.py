import pytest

from gongkai.accounts.roles import Role
from gongkai.confidentiality import selectors, services
from gongkai.confidentiality.models import NegativeListEntry, ScanFinding
from gongkai.confidentiality.scanner import Source
from gongkai.core.errors import NotFound, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent

from . import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    return make_user(Role.OPENNESS_OFFICE)


@pytest.fixture
def report(agency, department, make_user):
    """A stored report over a subject (any model: here a department) with an ID in its attachment."""
    drafter = make_user(Role.DRAFTER)
    return services.run_scan(
        actor=drafter,
        agency=agency,
        subject=department,
        stage="submission",
        sources=[Source("正文", "关于开展2024年统计执法检查的通知")],
        files=[("名单.xlsx", b.xlsx([["姓名", "身份证号"], ["张三", b.VALID_ID]]))],
    )


def test_run_scan_stores_findings_with_location_and_audits(report, department):
    [finding] = report.findings.all()
    assert (finding.kind, finding.severity, finding.location, finding.excerpt) == (
        "resident_id",
        "high",
        "附件《名单.xlsx》工作表“Sheet1” 第2行 B列",
        "110105********002X",
    )
    assert list(selectors.blocking_findings(report)) == [finding]
    assert selectors.latest_report(department) == report
    assert selectors.latest_report(department, stage="approval") is None
    event = AuditEvent.objects.get(verb="confidentiality.scanned")
    assert event.after["findings"] == {"high": 1, "medium": 0, "low": 0}
    assert event.after["files"] == ["名单.xlsx"]


def test_checksum_failing_number_in_an_attachment_raises_no_high_finding(agency, department):
    report = services.run_scan(
        actor=None,
        agency=agency,
        subject=department,
        stage="approval",
        sources=[],
        files=[("名单.xlsx", b.xlsx([["编号"], [b.BAD_CHECKSUM_ID]]))],
    )
    assert not selectors.blocking_findings(report).exists()
    assert report.findings.count() == 0


def test_scan_uses_the_agencys_active_negative_terms_only(
    agency, other_agency, department, office, make_user
):
    services.save_negative_list_entry(
        actor=office,
        agency=agency,
        matter="单个调查对象资料",
        legal_basis="《统计法》第二十八条",
        terms="统计调查对象名录",
    )
    stopped = services.save_negative_list_entry(
        actor=office, agency=agency, matter="已停用", legal_basis="x", terms="停用词语"
    )
    services.deactivate_negative_list_entry(actor=office, entry=stopped)
    other_office = make_user(Role.OPENNESS_OFFICE, agency=other_agency)
    services.save_negative_list_entry(
        actor=other_office, agency=other_agency, matter="他局事项", legal_basis="x", terms="他局词语"
    )
    assert selectors.active_negative_terms(agency) == [("统计调查对象名录", "《统计法》第二十八条")]
    report = services.run_scan(
        actor=None,
        agency=agency,
        subject=department,
        stage="submission",
        sources=[Source("正文", "附：统计调查对象名录；停用词语；他局词语")],
        files=[],
    )
    assert [(f.kind, f.severity) for f in report.findings.all()] == [("negative_term", "high")]


@pytest.mark.parametrize("role", [Role.CONFIDENTIALITY_REVIEWER, Role.APPROVER])
def test_reviewer_or_approver_overrides_with_a_reason_and_it_is_audited(report, make_user, role):
    reviewer = make_user(role, full_name="黄静")
    finding = report.findings.get()
    services.override_finding(actor=reviewer, finding=finding, reason="经核实为已公开的执法公示信息")
    finding.refresh_from_db()
    assert finding.overridden_by == reviewer
    assert finding.override_reason == "经核实为已公开的执法公示信息"
    assert finding.overridden_at is not None
    assert not selectors.blocking_findings(report).exists()
    event = AuditEvent.objects.get(verb="confidentiality.finding_overridden")
    assert event.actor == reviewer
    assert event.after["reason"] == "经核实为已公开的执法公示信息"


@pytest.mark.parametrize("reason", ["", "   ", "可以"])
def test_override_needs_a_reason(report, make_user, reason):
    reviewer = make_user(Role.CONFIDENTIALITY_REVIEWER)
    with pytest.raises(ValidationFailed) as error:
        services.override_finding(actor=reviewer, finding=report.findings.get(), reason=reason)
    assert error.value.field == "reason"
    assert selectors.blocking_findings(report).count() == 1


@pytest.mark.parametrize(
    "role", [Role.DRAFTER, Role.OPENNESS_OFFICE, Role.SUPERVISOR, Role.SPOKESPERSON, Role.ADMINISTRATOR]
)
def test_other_roles_cannot_override_and_nothing_changes(report, make_user, role):
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.override_finding(
            actor=make_user(role), finding=report.findings.get(), reason="理由充分的说明"
        )
    assert selectors.blocking_findings(report).count() == 1
    assert AuditEvent.objects.count() == before


def test_reviewer_of_another_agency_cannot_override(report, make_user, other_agency):
    stranger = make_user(Role.CONFIDENTIALITY_REVIEWER, agency=other_agency)
    with pytest.raises(NotFound):  # accounts.guard: another agency's finding does not exist for them
        services.override_finding(actor=stranger, finding=report.findings.get(), reason="理由充分的说明")


def test_a_finding_is_overridden_once(report, make_user):
    reviewer = make_user(Role.CONFIDENTIALITY_REVIEWER)
    finding = report.findings.get()
    services.override_finding(actor=reviewer, finding=finding, reason="第一次确认的理由")
    with pytest.raises(ValidationFailed):
        services.override_finding(actor=reviewer, finding=finding, reason="第二次确认的理由")
    assert ScanFinding.objects.get(pk=finding.pk).override_reason == "第一次确认的理由"


def test_negative_list_entry_is_saved_edited_and_deactivated_with_audit(agency, office):
    entry = services.save_negative_list_entry(
        actor=office,
        agency=agency,
        matter="内部事务信息",
        legal_basis="条例第十六条",
        terms="干部考察材料\n\n干部考察材料\n 内部请示 ",
    )
    assert entry.term_list == ["干部考察材料", "内部请示"]
    services.save_negative_list_entry(
        actor=office,
        agency=agency,
        entry=entry,
        matter="内部事务信息",
        legal_basis="条例第十六条第一款",
        terms="干部考察材料",
    )
    services.deactivate_negative_list_entry(actor=office, entry=entry)
    entry.refresh_from_db()
    assert (entry.legal_basis, entry.is_active) == ("条例第十六条第一款", False)
    assert list(
        AuditEvent.objects.filter(object_id=str(entry.pk)).order_by("id").values_list("verb", flat=True)
    ) == ["negative_list.created", "negative_list.changed", "negative_list.deactivated"]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"matter": "", "legal_basis": "条例第十四条"}, "matter"),
        ({"matter": "事项", "legal_basis": " "}, "legal_basis"),
        ({"matter": "事项", "legal_basis": "条例第十四条", "terms": "密"}, "terms"),
    ],
)
def test_negative_list_validation(agency, office, fields, field):
    with pytest.raises(ValidationFailed) as error:
        services.save_negative_list_entry(actor=office, agency=agency, **fields)
    assert error.value.field == field
    assert not NegativeListEntry.objects.exists()


def test_duplicate_matter_is_refused_in_chinese(agency, office):
    services.save_negative_list_entry(actor=office, agency=agency, matter="事项甲", legal_basis="依据")
    with pytest.raises(ValidationFailed, match="已有相同的事项"):
        services.save_negative_list_entry(actor=office, agency=agency, matter="事项甲", legal_basis="依据")


@pytest.mark.parametrize(
    "role",
    [
        Role.DRAFTER,
        Role.CONFIDENTIALITY_REVIEWER,
        Role.APPROVER,
        Role.SUPERVISOR,
        Role.ADMINISTRATOR,
        Role.SPOKESPERSON,
    ],
)
def test_only_the_openness_office_manages_the_negative_list(agency, make_user, role):
    with pytest.raises(PermissionDenied):
        services.save_negative_list_entry(
            actor=make_user(role), agency=agency, matter="事项", legal_basis="依据"
        )
    assert not NegativeListEntry.objects.exists()


def test_new_personal_data_kinds_are_stored_with_chinese_labels_and_masked(agency, department):
    """Issue 11 item 20: the stored report keeps the new kinds with their labels, never the numbers."""
    text = "申请人张三，护照E12345678，港澳通行证C12345678，车牌闽A12345，邮箱zhangsan@qq.com，住宅电话0591-87654321"
    report = services.run_scan(
        actor=None,
        agency=agency,
        subject=department,
        stage="submission",
        sources=[Source("正文", text)],
        files=[],
    )
    stored = {(f.kind, f.get_kind_display(), f.severity) for f in report.findings.all()}
    assert stored == {
        ("passport", "护照号码", "high"),
        ("hk_macao_permit", "港澳通行证号码", "high"),
        ("vehicle_plate", "机动车号牌", "medium"),
        ("personal_email", "个人电子邮箱", "medium"),
        ("home_landline", "住宅电话", "medium"),
    }
    excerpts = " ".join(report.findings.values_list("excerpt", flat=True))
    for secret in ("E12345678", "C12345678", "闽A12345", "zhangsan@", "87654321"):
        assert secret not in excerpts


def test_addresses_at_the_agencys_own_domain_are_not_personal(agency, department):
    agency.site_settings.email = "tjj@fzstats.cn"
    agency.site_settings.save()
    findings = services.scan_files(
        agency=agency, sources=[Source("正文", "联系人邮箱 zhangsan@fzstats.cn；来信人 lisi@qq.com")]
    )
    assert [(f.kind, f.excerpt) for f in findings] == [("personal_email", "…tats.cn；来信人 l**i@qq.com")]
