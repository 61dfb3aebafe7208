"""Demo of the city's work across agencies (issue 18 items 3, 8, 9): the agencies of 福州市 this part
needs (found by name when another part of the demo made them), the city openness office's user, a
request forwarded from the statistics bureau to the finance bureau, 督办通知 (one overdue, one
answered), and the 2025 roll-up: 市住房和城乡建设局 reports by XLSX upload, 鼓楼区人民政府 types its
tables late, 市财政局 has not reported. Idempotent."""

from datetime import date

from gongkai.accounts.guard import SYSTEM
from gongkai.accounts.models import Department, User
from gongkai.accounts.roles import Role
from gongkai.accounts.services import create_staff_user
from gongkai.core.models import Agency, SiteSettings
from gongkai.foi_requests import services as foi
from gongkai.foi_requests.models import FoiRequest

from . import services, xlsx
from . import tables as T
from .models import SupervisionNotice, TableSubmission

AGENCIES = [
    # name, code, organisation code, phone
    ("福州市人民政府办公厅", "fzgov", "350100BGT", "0591-87000001"),
    ("福州市财政局", "fzczj", "350100CZJ", "0591-87000002"),
    ("福州市鼓楼区人民政府", "fzgl", "350102GLQ", "0591-87000003"),
    ("福州市住房和城乡建设局", "fzzjj", "350100ZJJ", "0591-87000004"),
]


def _agency(name: str, code: str, organisation_code: str, phone: str) -> Agency:
    agency = Agency.objects.filter(name=name).first() or Agency.objects.filter(code=code).first()
    if agency is None:
        agency = Agency.objects.create(code=code, name=name, organisation_code=organisation_code)
    if not SiteSettings.objects.filter(agency=agency).exists():
        SiteSettings.objects.create(
            agency=agency, site_name=f"{name}政务公开", host_organisation=name, phone=phone
        )
    return agency


def _user(agency, username, full_name, role, password) -> User:
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    department, _ = Department.objects.get_or_create(
        agency=agency, code="openness", defaults={"name": "政务公开办"}
    )
    return create_staff_user(
        actor=SYSTEM,
        agency=agency,
        username=username,
        password=password,
        full_name=full_name,
        department=department,
        roles=[role],
    )


def demo_tables(scale: int) -> dict:
    tables = T.empty()
    tables["table2"].update(
        {"normative.issued": scale, "normative.in_force": 10 * scale, "licensing": 40 * scale}
    )
    t3 = tables["table3"]
    t3["new"].update(natural_person=5 * scale, commercial=scale, total=6 * scale)
    t3["1"].update(natural_person=3 * scale, total=3 * scale)
    t3["4.1"].update(natural_person=scale, commercial=scale, total=2 * scale)
    t3["4"].update(natural_person=scale, commercial=scale, total=2 * scale)
    t3["7"].update(natural_person=4 * scale, commercial=scale, total=5 * scale)
    t3["carried_out"].update(natural_person=scale, total=scale)
    tables["table4"]["review"].update(upheld=scale, total=scale)
    return tables


def load_cityops(*, agency, users, stdout=None, password: str = "Gongkai@2026"):
    made = {code: _agency(name, code, org, phone) for name, code, org, phone in AGENCIES}
    city = _user(made["fzgov"], "shigongkai", "郑敏", Role.CITY_OFFICE, password)
    finance = _user(made["fzczj"], "czgongkai", "吴芳", Role.OPENNESS_OFFICE, password)

    # A budget request filed with the statistics bureau, forwarded to the finance bureau (Art. 36(五)).
    description = "2026年福州市本级一般公共预算支出明细（演示申请）"
    if not FoiRequest.objects.filter(agency=agency, description=description).exists():
        first = foi.submit_application(
            agency=agency,
            data={
                "applicant_type": "natural_person",
                "applicant_name": "陈晓（演示）",
                "id_type": "resident_id",
                "id_number": "11010519491231002X",
                "phone": "13800000001",
                "email": "chenxiao@example.com",
                "description": description,
                "delivery_form": "electronic",
                "delivery_channel": "email",
            },
        )
        foi.confirm_receipt(actor=users["gongkaiban"], foi_request=first)
        copy = foi.forward_request(actor=users["gongkaiban"], foi_request=first, to_agency=made["fzczj"])
        foi.confirm_receipt(actor=finance, foi_request=copy)

    # 督办通知: one open, one overdue, one answered.
    if not SupervisionNotice.objects.exists():
        services.issue_notice(
            actor=city,
            agency=agency,
            subject="依申请公开答复期限预警",
            body="你局有依申请公开事项临近答复期限，请按《条例》第三十三条按期答复，并报送办理情况。",
            due_days=10,
        )
        services.issue_notice(
            actor=city,
            agency=made["fzgl"],
            subject="网站“重点领域信息公开”栏目长期未更新",
            body="经察访核验，该栏目超过 6 个月未更新，请整改并报送整改情况（国办秘函〔2019〕19号）。",
            due_days=5,
            today=date(2026, 11, 2),
        )
        answered = services.issue_notice(
            actor=city,
            agency=made["fzzjj"],
            subject="2025年度报告统计表报送",
            body="请于1月31日前报送2025年政府信息公开工作年度报告统计表（表二、表三、表四）。",
            due_days=15,
            today=date(2026, 1, 5),
        )
        SupervisionNotice.objects.filter(pk=answered.pk).update(
            answer="已通过平台上传统计表模板报送。", answered_on=date(2026, 1, 26)
        )

    # The 2025 roll-up: an XLSX upload on time, typed tables late, 市财政局 missing.
    if not TableSubmission.objects.filter(year=2025).exists():
        services.upload_tables(
            actor=city,
            agency=made["fzzjj"],
            year=2025,
            data=xlsx.build(demo_tables(2)),
            file_name="福州市住房和城乡建设局2025年度报告统计表.xlsx",
            today=date(2026, 1, 26),
        )
        services.submit_tables(
            actor=city,
            agency=made["fzgl"],
            year=2025,
            tables=demo_tables(3),
            source="typed",
            today=date(2026, 2, 9),
        )
    if stdout is not None:
        stdout.write(
            f"全市督导：{len(made)} 个机关，市政务公开办账号 shigongkai；督办通知 {SupervisionNotice.objects.count()} 件；"
            f"2025年度统计表报送 {TableSubmission.objects.filter(year=2025).count()} 份（一份上传 XLSX，一份逾期）。"
        )
