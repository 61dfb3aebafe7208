"""Roles and what each may do, declared in code as data (ADR 0004).

A permission is a dotted string; each capability app adds its own rows to PERMISSIONS here, so that
the whole matrix is one table that tests sweep.
"""

from django.db import models


class Role(models.TextChoices):
    OPENNESS_OFFICE = "openness_office", "政务公开办"
    DRAFTER = "drafter", "承办人"
    CONFIDENTIALITY_REVIEWER = "confidentiality_reviewer", "保密审查员"
    APPROVER = "approver", "分管领导"
    SPOKESPERSON = "spokesperson", "新闻发言人"
    SUPERVISOR = "supervisor", "监督（只读）"
    ADMINISTRATOR = "administrator", "系统管理员"
    # 市政府办公厅政务公开办 (issue 18 item 8): sees every agency read-only, sends 督办通知, compiles the
    # city-wide annual report; never writes another agency's records.
    CITY_OFFICE = "city_office", "市政务公开办（全市督导）"


R = Role
ALL_STAFF = frozenset(Role)

# permission -> roles that hold it
PERMISSIONS: dict[str, frozenset[Role]] = {
    "office.enter": ALL_STAFF,
    "audit.view": frozenset({R.ADMINISTRATOR, R.OPENNESS_OFFICE, R.SUPERVISOR}),
    "search.view_status": frozenset({R.ADMINISTRATOR, R.OPENNESS_OFFICE}),
    "search.manage_synonyms": frozenset({R.OPENNESS_OFFICE}),
    "accounts.manage": frozenset({R.ADMINISTRATOR}),
    "accounts.view": frozenset({R.ADMINISTRATOR, R.OPENNESS_OFFICE, R.SUPERVISOR}),
    "departments.manage": frozenset({R.ADMINISTRATOR}),
    "site_settings.manage": frozenset({R.ADMINISTRATOR}),
    "workdays.manage": frozenset({R.ADMINISTRATOR}),
    "workdays.view": ALL_STAFF,
    "catalogue.edit": frozenset({R.DRAFTER, R.OPENNESS_OFFICE}),
    "catalogue.manage": frozenset({R.OPENNESS_OFFICE}),
    "catalogue.view": ALL_STAFF,
    "normative.manage": frozenset({R.OPENNESS_OFFICE}),
    "interpretations.view": ALL_STAFF,
    "interpretations.edit": frozenset({R.DRAFTER, R.OPENNESS_OFFICE}),
    "interpretations.waive": frozenset({R.APPROVER}),
    "publishing.draft": frozenset({R.DRAFTER, R.OPENNESS_OFFICE}),
    "publishing.review": frozenset({R.CONFIDENTIALITY_REVIEWER}),
    "publishing.approve": frozenset({R.APPROVER}),
    "publishing.withdraw": frozenset({R.OPENNESS_OFFICE, R.APPROVER}),
    "publishing.view": ALL_STAFF,
    "publishing.substitute": frozenset({R.ADMINISTRATOR}),
    "negative_list.manage": frozenset({R.OPENNESS_OFFICE}),
    "confidentiality.override": frozenset({R.CONFIDENTIALITY_REVIEWER, R.APPROVER}),
    "confidentiality.view": frozenset(
        {R.OPENNESS_OFFICE, R.CONFIDENTIALITY_REVIEWER, R.APPROVER, R.SUPERVISOR, R.DRAFTER}
    ),
    "foi.view": ALL_STAFF,
    "foi.register": frozenset({R.OPENNESS_OFFICE}),
    "foi.handle": frozenset({R.OPENNESS_OFFICE, R.DRAFTER}),
    "foi.extend": frozenset({R.OPENNESS_OFFICE}),
    "foi.manage": frozenset({R.OPENNESS_OFFICE}),
    "foi.statistics": frozenset({R.OPENNESS_OFFICE, R.SUPERVISOR}),
    "opendata.view": ALL_STAFF,
    "opendata.manage": frozenset({R.OPENNESS_OFFICE, R.DRAFTER}),
    "opendata.applications": frozenset({R.OPENNESS_OFFICE}),
    "consultations.view": ALL_STAFF,
    "consultations.edit": frozenset({R.DRAFTER, R.OPENNESS_OFFICE}),
    "consultations.moderate": frozenset({R.OPENNESS_OFFICE}),
    "messages.view": ALL_STAFF,
    "messages.route": frozenset({R.OPENNESS_OFFICE}),
    "messages.reply": frozenset({R.DRAFTER, R.OPENNESS_OFFICE}),
    "messages.moderate": frozenset({R.OPENNESS_OFFICE}),
    "interviews.view": ALL_STAFF,
    "interviews.manage": frozenset({R.OPENNESS_OFFICE, R.SPOKESPERSON}),
    "interviews.moderate": frozenset({R.OPENNESS_OFFICE, R.SPOKESPERSON}),
    "incidents.view": ALL_STAFF,
    "incidents.manage": frozenset({R.OPENNESS_OFFICE, R.SPOKESPERSON}),
    "incidents.release": frozenset({R.OPENNESS_OFFICE, R.SPOKESPERSON, R.DRAFTER}),
    "newmedia.view": ALL_STAFF,
    "newmedia.manage": frozenset({R.OPENNESS_OFFICE, R.SPOKESPERSON}),
    "newmedia.post": frozenset({R.OPENNESS_OFFICE, R.SPOKESPERSON}),
    "press.view": ALL_STAFF,
    "press.manage": frozenset({R.OPENNESS_OFFICE, R.SPOKESPERSON}),
    "outbox.view": frozenset({R.ADMINISTRATOR, R.OPENNESS_OFFICE, R.SUPERVISOR}),
    "outbox.manage": frozenset({R.ADMINISTRATOR, R.OPENNESS_OFFICE}),
    "responsibilities.view": ALL_STAFF,
    "responsibilities.manage": frozenset({R.DRAFTER, R.OPENNESS_OFFICE}),
    "enforcement.view": ALL_STAFF,
    "enforcement.manage": frozenset({R.DRAFTER, R.OPENNESS_OFFICE}),
    "enforcement.draw": frozenset({R.DRAFTER, R.OPENNESS_OFFICE}),
    "enforcement.verify_draw": frozenset({R.SUPERVISOR, R.OPENNESS_OFFICE, R.APPROVER}),
    "service_guides.view": ALL_STAFF,
    "service_guides.manage": frozenset({R.DRAFTER, R.OPENNESS_OFFICE}),
    "key_tasks.view": ALL_STAFF,
    "key_tasks.manage": frozenset({R.OPENNESS_OFFICE}),
    "key_tasks.report": frozenset({R.DRAFTER, R.OPENNESS_OFFICE}),
    "supervision.raise": frozenset({R.OPENNESS_OFFICE, R.APPROVER}),
    "supervision.rectify": frozenset({R.DRAFTER, R.OPENNESS_OFFICE}),
    "supervision.confirm": frozenset({R.OPENNESS_OFFICE, R.APPROVER}),
    "accountability.manage": frozenset({R.OPENNESS_OFFICE}),
    "surveys.view": ALL_STAFF,
    "surveys.manage": frozenset({R.OPENNESS_OFFICE, R.DRAFTER}),
    "surveys.moderate": frozenset({R.OPENNESS_OFFICE}),
    "results.view": ALL_STAFF,
    "results.manage": frozenset({R.OPENNESS_OFFICE, R.DRAFTER}),
    "assessment.view": frozenset({R.OPENNESS_OFFICE, R.SUPERVISOR, R.APPROVER, R.ADMINISTRATOR}),
    "assessment.inspect": frozenset({R.OPENNESS_OFFICE}),
    "assessment.manage": frozenset({R.OPENNESS_OFFICE}),
    # 年度自查 (seed 四(一)): the openness office runs it; leaders and supervisors read it.
    "self_inspection.view": frozenset({R.OPENNESS_OFFICE, R.SUPERVISOR, R.APPROVER, R.ADMINISTRATOR}),
    "self_inspection.manage": frozenset({R.OPENNESS_OFFICE}),
    # issue 18 items 8-9 (cityops): the city office's view of every agency, its notices and the roll-up.
    "cityops.oversee": frozenset({R.CITY_OFFICE}),
    "cityops.supervise": frozenset({R.CITY_OFFICE}),
    "cityops.rollup": frozenset({R.CITY_OFFICE}),
    "cityops.notices_view": frozenset(
        {R.OPENNESS_OFFICE, R.SUPERVISOR, R.APPROVER, R.ADMINISTRATOR, R.CITY_OFFICE}
    ),
    "cityops.notices_answer": frozenset({R.OPENNESS_OFFICE}),
}

# Roles that see the whole agency's work; the others see their own department's (selectors.scope_for).
AGENCY_WIDE_ROLES = frozenset(
    {R.ADMINISTRATOR, R.OPENNESS_OFFICE, R.SUPERVISOR, R.CONFIDENTIALITY_REVIEWER, R.APPROVER, R.SPOKESPERSON}
    | {R.CITY_OFFICE}
)
# Roles that may never write anything.
READ_ONLY_ROLES = frozenset({R.SUPERVISOR})
