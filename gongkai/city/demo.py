"""Demo: 福州市 as a city platform (issue 18 item 10) — 统计局 (the existing demo, at the root) and five
more agencies, each with its own site under /bm/<code>/, site settings, an administrator, its own
published 政府信息 (市财政局 with 预决算), and a platform administrator. Fast: items are imported
published in one bulk import per agency (no workflow), and every record is looked up first."""

from gongkai.accounts.guard import SYSTEM
from gongkai.accounts.models import Department, User
from gongkai.accounts.roles import Role
from gongkai.accounts.services import create_staff_user, save_department, update_site_settings
from gongkai.catalogue.importer import import_documents
from gongkai.catalogue.models import CatalogueNode, InformationItem, Source
from gongkai.core.models import Agency

DEMO_PASSWORD = "Gongkai@2026"
PLATFORM_ADMIN = ("pingtai", "平台管理员")

# (code, name, short name, 索引号 prefix, area, kind, parent code, items)
# items: (title, category, date, issuer, summary)
AGENCIES = [
    (
        "fzszfb",
        "福州市人民政府办公厅",
        "市政府办公厅",
        "350100SZFB",
        "350100",
        Agency.Kind.CITY_DEPARTMENT,
        None,
        [
            (
                "福州市人民政府办公厅关于印发福州市2026年政务公开工作要点的通知",
                "decision",
                "2026-03-20",
                "福州市人民政府办公厅",
                "部署全市2026年政务公开重点工作，推进政府网站集约化",
            ),
            (
                "福州市人民政府办公厅关于进一步做好政府信息依申请公开工作的通知",
                "management",
                "2026-02-10",
                "福州市人民政府办公厅",
                "规范依申请公开的登记、办理、答复与转交",
            ),
            (
                "2025年福州市政府信息公开工作年度报告",
                "result",
                "2026-01-28",
                "福州市人民政府办公厅",
                "全市政府信息公开工作情况汇总",
            ),
        ],
    ),
    (
        "fzczj",
        "福州市财政局",
        "市财政局",
        "350100CZJ",
        "350100",
        Agency.Kind.CITY_DEPARTMENT,
        None,
        [
            (
                "关于福州市2025年市级预算执行情况和2026年市级预算草案的报告",
                "result",
                "2026-02-05",
                "福州市财政局",
                "2026年市级一般公共预算、政府性基金预算、国有资本经营预算和社会保险基金预算",
            ),
            (
                "2026年福州市市级部门预算公开说明",
                "result",
                "2026-02-20",
                "福州市财政局",
                "市级部门预算的批复时间、公开范围与“三公”经费预算",
            ),
            (
                "2025年福州市市级决算",
                "result",
                "2026-07-15",
                "福州市财政局",
                "经市人大常委会批准的2025年市级决算与决算说明",
            ),
            (
                "2025年福州市市级“三公”经费决算情况说明",
                "result",
                "2026-08-01",
                "福州市财政局",
                "因公出国（境）费、公务用车购置及运行费、公务接待费决算",
            ),
        ],
    ),
    (
        "fzfgw",
        "福州市发展和改革委员会",
        "市发改委",
        "350100FGW",
        "350100",
        Agency.Kind.CITY_DEPARTMENT,
        None,
        [
            (
                "福州市2026年国民经济和社会发展计划",
                "decision",
                "2026-02-06",
                "福州市发展和改革委员会",
                "经市人民代表大会批准的年度计划",
            ),
            (
                "关于福州市重点项目建设情况的公示",
                "execution",
                "2026-05-12",
                "福州市发展和改革委员会",
                "年度重点项目清单与建设进度",
            ),
        ],
    ),
    (
        "gulou",
        "福州市鼓楼区人民政府",
        "鼓楼区政府",
        "350102GLQ",
        "350102",
        Agency.Kind.DISTRICT,
        None,
        [
            (
                "2026年鼓楼区政府工作报告",
                "decision",
                "2026-01-15",
                "福州市鼓楼区人民政府",
                "鼓楼区第十八届人民代表大会第五次会议审议通过",
            ),
            (
                "鼓楼区2026年为民办实事项目",
                "execution",
                "2026-03-01",
                "福州市鼓楼区人民政府",
                "老旧小区改造、社区养老服务与学位供给",
            ),
            (
                "鼓楼区2026年区级预算公开",
                "result",
                "2026-02-25",
                "福州市鼓楼区人民政府",
                "区级一般公共预算与部门预算",
            ),
        ],
    ),
    (
        "cangshan",
        "福州市仓山区人民政府",
        "仓山区政府",
        "350104CSQ",
        "350104",
        Agency.Kind.DISTRICT,
        None,
        [
            (
                "2026年仓山区政府工作报告",
                "decision",
                "2026-01-18",
                "福州市仓山区人民政府",
                "仓山区人民代表大会审议通过",
            ),
            (
                "仓山区重大行政决策事项目录（2026年）",
                "decision",
                "2026-03-10",
                "福州市仓山区人民政府",
                "年度重大行政决策事项、承办单位与计划完成时间",
            ),
        ],
    ),
]

NODES = {"fzczj": ("czyjs", "财政预决算")}


def _site(agency):
    update_site_settings(
        actor=SYSTEM,
        agency=agency,
        site_name=f"{agency.name}政府信息公开",
        host_organisation=agency.name,
        address="福州市（演示地址）",
        postcode="350001",
        phone="0591-00000000（演示号码）",
        fax="",
        email="gongkai@example.gov.cn",
        office_hours="工作日 上午 8:00-12:00，下午 14:30-17:30（法定节假日除外）",
        website_code="",
        icp_number="闽ICP备00000000号（演示）",
        police_record_number="",
        error_report_url="",
        conac_mark_url="",
        conac_mark_image="",
    )


def _rows(agency, items):
    for n, (title, category, day, issuer, summary) in enumerate(items, 1):
        yield (
            n,
            {
                "索引号": f"{agency.organisation_code}/{day[:4]}-{n:05d}",
                "标题": title,
                "发文机关": issuer,
                "主题分类": "综合政务\\政务公开"
                if "预算" not in title and "决算" not in title
                else "财政、金融、审计\\财政",
                "成文日期": day,
                "发布日期": day,
                "body_text": f"{summary}。（演示内容）",
                "category": category,
                "内容概述": summary,
            },
        )


def load_city(*, agency, users, stdout=None):
    """`agency` is the demo's 统计局 (kept at the root)."""
    if agency.kind != Agency.Kind.CITY_DEPARTMENT:
        Agency.objects.filter(pk=agency.pk).update(kind=Agency.Kind.CITY_DEPARTMENT)
    root_admin = users.get("admin")
    if root_admin is not None and not User.objects.filter(username=PLATFORM_ADMIN[0]).exists():
        user = create_staff_user(
            actor=SYSTEM,
            agency=agency,
            username=PLATFORM_ADMIN[0],
            password=DEMO_PASSWORD,
            full_name=PLATFORM_ADMIN[1],
            department=root_admin.department,
            roles=[Role.ADMINISTRATOR],
        )
        User.objects.filter(pk=user.pk).update(is_superuser=True)
    for order, (code, name, short, prefix, area, kind, parent, items) in enumerate(AGENCIES, 1):
        created = Agency.objects.filter(code=code).first()
        if created is None:
            created = Agency.objects.create(
                code=code,
                name=name,
                short_name=short,
                organisation_code=prefix,
                area_code=area,
                kind=kind,
                parent=Agency.objects.filter(code=parent).first() if parent else None,
                sort_order=order,
            )
        if not hasattr(created, "site_settings"):
            _site(created)
        office = Department.objects.filter(agency=created, code="office").first() or save_department(
            actor=SYSTEM, agency=created, name="办公室", code="office", duties="政务公开工作", sort_order=0
        )
        admin_name = f"{code}_admin"
        if not User.objects.filter(username=admin_name).exists():
            create_staff_user(
                actor=SYSTEM,
                agency=created,
                username=admin_name,
                password=DEMO_PASSWORD,
                full_name=f"{short}管理员",
                department=office,
                roles=[Role.ADMINISTRATOR, Role.OPENNESS_OFFICE],
            )
        if not InformationItem.objects.filter(agency=created).exists():
            result = import_documents(
                actor=SYSTEM, agency=created, rows=list(_rows(created, items)), source=Source.OWN
            )
            node_spec = NODES.get(code)
            if node_spec:
                node = CatalogueNode.objects.filter(
                    agency=created, code=node_spec[0]
                ).first() or CatalogueNode.objects.create(
                    agency=created, code=node_spec[0], name=node_spec[1]
                )
                for item in result.items:
                    revision = item.current_revision
                    if revision is not None and ("预算" in revision.title or "决算" in revision.title):
                        revision.node = node
                        revision.save(update_fields=["node"])
    if stdout:
        stdout.write(
            f"城市平台：{len(AGENCIES) + 1} 个机关（/city/ 为市政府信息公开门户；平台管理员 {PLATFORM_ADMIN[0]}）。"
        )
