"""The demo: 福州市统计局 as in the seed work plan, one user per role, site settings, the holiday table.

Idempotent: every record is looked up by its natural key first, so `make run` can load it again.
Capability apps append their own loaders to LOADERS.
"""

from django.db import transaction

from gongkai.accounts.guard import SYSTEM
from gongkai.accounts.models import Department, User
from gongkai.accounts.roles import Role
from gongkai.accounts.services import create_staff_user, save_department, update_site_settings
from gongkai.core.models import Agency

DEMO_PASSWORD = "Gongkai@2026"

AGENCY = {
    "code": "fzstats",
    "name": "福州市统计局",
    "short_name": "市统计局",
    "organisation_code": "350100TJJ",
    "area_code": "350100",
}

# Seed 六(一): 办公室 coordinates openness; 综合处, 政法处 and 普查中心 are named in the seed; the
# professional divisions are those of a typical municipal statistics bureau.
DEPARTMENTS = [
    ("办公室", "office", "组织协调、指导推进、监督检查政务公开工作（政务公开办设在办公室）"),
    ("综合处", "general", "统计信息发布、统计分析、政策解读与舆情回应"),
    ("政法处", "legal", "统计法治、统计执法监督、规范性文件管理"),
    ("普查中心", "census", "人口普查、经济普查等重大国情国力普查"),
    ("国民经济核算处", "accounts", "地区生产总值核算"),
    ("工业交通统计处", "industry", "工业、能源、交通运输统计"),
    ("固定资产投资统计处", "investment", "固定资产投资与房地产统计"),
    ("贸易外经统计处", "trade", "批发零售、住宿餐饮、对外经济统计"),
    ("人口和社会科技统计处", "population", "人口、就业、社会与科技统计"),
]

USERS = [
    ("admin", "系统管理员", [Role.ADMINISTRATOR], "office"),
    ("gongkaiban", "林晓", [Role.OPENNESS_OFFICE], "office"),
    ("chengban", "陈明", [Role.DRAFTER], "general"),
    ("baomi", "黄静", [Role.CONFIDENTIALITY_REVIEWER], "office"),
    ("lingdao", "王建国", [Role.APPROVER], "office"),
    ("fayanren", "郑华", [Role.SPOKESPERSON], "general"),
    ("jiandu", "刘洋", [Role.SUPERVISOR], "office"),
]

SITE = {
    "site_name": "福州市统计局政务公开平台",
    "host_organisation": "福州市统计局",
    "address": "福州市鼓楼区（演示地址）",
    "postcode": "350001",
    "phone": "0591-00000000（演示号码）",
    "fax": "0591-00000001（演示号码）",
    "email": "gongkai@example.gov.cn",
    "office_hours": "工作日 上午 8:00-12:00，下午 14:30-17:30（法定节假日除外）",
    "website_code": "3501000000",
    "icp_number": "闽ICP备00000000号（演示）",
    "police_record_number": "闽公网安备 35010000000000号（演示）",
    "error_report_url": "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3501000000",
}

LOADERS: list = []  # callables(agency, users_by_username, stdout) added by capability apps


def load_demo(stdout=None) -> dict:
    from gongkai.search.services import deferred, reindex

    # the index is rebuilt once at the end, not document by document while the demo publishes
    with deferred(), transaction.atomic():
        agency, _ = Agency.objects.get_or_create(code=AGENCY["code"], defaults=AGENCY)
        departments = {}
        for order, (name, code, duties) in enumerate(DEPARTMENTS):
            existing = Department.objects.filter(agency=agency, code=code).first()
            departments[code] = existing or save_department(
                actor=SYSTEM, agency=agency, name=name, code=code, duties=duties, sort_order=order
            )
        if not hasattr(agency, "site_settings"):
            update_site_settings(actor=SYSTEM, agency=agency, **SITE)
        users = {}
        logins = []
        for username, full_name, roles, dept_code in USERS:
            user = User.objects.filter(username=username).first() or create_staff_user(
                actor=SYSTEM,
                agency=agency,
                username=username,
                password=DEMO_PASSWORD,
                full_name=full_name,
                department=departments[dept_code],
                roles=roles,
            )
            users[username] = user
            logins.append(
                (username, full_name, "、".join(r.label for r in roles), departments[dept_code].name)
            )
        for loader in _loaders():
            loader(agency=agency, users=users, stdout=stdout)
    # The site search is rebuilt from what is public now (imports publish without the workflow).
    indexed = reindex()
    if stdout:
        stdout.write(f"站内搜索索引已重建：{indexed} 条。")
    return {"agency": agency, "users": users, "logins": logins}


def _loaders():
    from functools import partial

    from gongkai.annual_reports.demo import load_annual_reports
    from gongkai.assessment.demo import load_assessment
    from gongkai.catalogue.column_demo import load_columns  # issue 18 item 4
    from gongkai.catalogue.demo import load_catalogue
    from gongkai.city.demo import load_city  # issue 18: the other agencies of 福州市
    from gongkai.cityops.demo import load_cityops  # issue 18 items 3, 8, 9
    from gongkai.confidentiality.demo import load_negative_list
    from gongkai.consultations.demo import load_consultations
    from gongkai.enforcement.demo import load_enforcement
    from gongkai.foi_requests.demo import load_foi_requests
    from gongkai.incidents.demo import load_incidents
    from gongkai.interpretations.demo import load_interpretations
    from gongkai.interviews.demo import load_interviews
    from gongkai.key_tasks.demo import load_key_tasks
    from gongkai.newmedia.demo import load_newmedia
    from gongkai.opendata.demo import load_opendata
    from gongkai.press.demo import load_press
    from gongkai.public_messages.demo import load_messages
    from gongkai.responsibilities.demo import load_power_list
    from gongkai.results.demo import load_results
    from gongkai.self_inspection.demo import load_self_inspection
    from gongkai.service_guides.demo import load_service_guides
    from gongkai.surveys.demo import load_surveys
    from gongkai.workdays.demo import load_holidays

    return [
        load_holidays,
        load_negative_list,
        load_catalogue,
        load_interpretations,
        load_foi_requests,
        load_opendata,
        load_consultations,
        load_messages,
        load_interviews,
        load_incidents,
        load_newmedia,
        load_press,
        load_power_list,
        load_service_guides,
        load_enforcement,  # before the annual report: table 二 counts its decisions
        load_key_tasks,
        load_surveys,
        load_results,
        load_annual_reports,
        *LOADERS,
        load_assessment,
        load_self_inspection,  # after requests and the negative list: it reviews them
        load_city,  # the other agencies of 福州市 (issue 18), after the 统计局's own content
        partial(load_cityops, password=DEMO_PASSWORD),  # finds city's agencies by name
        load_columns,  # every agency's columns, once the city's agencies exist (ADR 0050)
    ]
