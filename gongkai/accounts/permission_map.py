"""Which permission every office URL needs (ADR 0030): URL name → (GET permission, POST permission).

A permission is a key of `roles.PERMISSIONS`; `PLATFORM_ADMIN` is the 平台管理员 (`is_superuser`, the
national working-day calendar); `None` means the method is not served (405, or a redirect without
effect). The decorators and services enforce; this map declares, and `tests/test_permission_map.py`
sweeps every route × role × (own agency, another agency) × (GET, POST) against it — a route missing
here fails that test. Add the row in the same commit as the route.

`API` below does the same for the staff routes of the JSON API (`"METHOD /path"` → permission), swept
with real tokens by `tests/test_api_permission_map.py`.
"""

PLATFORM_ADMIN = "platform_admin"

# Routes whose records are national, not an agency's (another agency's staff see the same pages).
NATIONAL = frozenset({"workdays_office:year", "workdays_office:years", "workdays_office:calculator"})

# Routes the city openness office (市政务公开办, role city_office) opens for every agency of the city:
# another agency's staff holding that role see them; holding any other role they are refused.
CITY_WIDE = frozenset({"cityops_office:notice"})


def known_permissions() -> set[str]:
    from .roles import PERMISSIONS

    return set(PERMISSIONS)


OFFICE: dict[str, tuple[str | None, str | None]] = {
    # accounts_office
    "accounts_office:department_edit": ("departments.manage", "departments.manage"),
    "accounts_office:department_new": ("departments.manage", "departments.manage"),
    "accounts_office:departments": ("accounts.view", "accounts.view"),
    "accounts_office:password_change": ("office.enter", "office.enter"),
    "accounts_office:site_settings": ("site_settings.manage", "site_settings.manage"),
    "accounts_office:user_edit": ("accounts.manage", "accounts.manage"),
    "accounts_office:user_new": ("accounts.manage", "accounts.manage"),
    "accounts_office:users": ("accounts.view", "accounts.view"),
    # annual_reports_office
    "annual_reports_office:detail": ("foi.statistics", "foi.manage"),
    "annual_reports_office:docx": ("foi.statistics", "foi.statistics"),
    "annual_reports_office:list": ("foi.statistics", "foi.statistics"),
    "annual_reports_office:new": ("foi.manage", "foi.manage"),
    "annual_reports_office:submit": (None, "foi.manage"),
    # assessment_office
    "assessment_office:deduction_new": ("assessment.manage", "assessment.manage"),
    "assessment_office:drilldown": ("assessment.view", "assessment.view"),
    "assessment_office:home": ("assessment.view", "assessment.view"),
    "assessment_office:indicator": ("assessment.view", "assessment.view"),
    "assessment_office:inspect": (None, "assessment.inspect"),
    "assessment_office:run": ("assessment.view", "assessment.view"),
    "assessment_office:scheme": ("assessment.manage", "assessment.manage"),
    "assessment_office:scores": ("assessment.view", "assessment.view"),
    "assessment_office:scores_xlsx": ("assessment.view", "assessment.view"),
    # audit_office
    "audit_office:event": ("audit.view", "audit.view"),
    "audit_office:events": ("audit.view", "audit.view"),
    # catalogue_office
    "catalogue_office:attachment_add": (None, "catalogue.edit"),
    "catalogue_office:attachment_delete": (None, "catalogue.edit"),
    "catalogue_office:cleanup": ("catalogue.view", "catalogue.view"),
    "catalogue_office:cleanup_decide": ("normative.manage", "normative.manage"),
    "catalogue_office:cleanup_decision_delete": (None, "normative.manage"),
    "catalogue_office:cleanup_new": ("normative.manage", "normative.manage"),
    "catalogue_office:cleanup_publish": (None, "normative.manage"),
    "catalogue_office:cleanups": ("catalogue.view", "catalogue.view"),
    "catalogue_office:correct": ("catalogue.edit", "catalogue.edit"),
    "catalogue_office:deadlines": ("catalogue.view", "catalogue.view"),
    "catalogue_office:item": ("catalogue.view", "catalogue.view"),
    "catalogue_office:item_new": ("catalogue.edit", "catalogue.edit"),
    "catalogue_office:items": ("catalogue.view", "catalogue.view"),
    "catalogue_office:node_edit": ("catalogue.manage", "catalogue.manage"),
    "catalogue_office:node_new": ("catalogue.manage", "catalogue.manage"),
    "catalogue_office:nodes": ("catalogue.view", "catalogue.view"),
    "catalogue_office:columns": ("site_settings.manage", "site_settings.manage"),
    "catalogue_office:column_new": ("site_settings.manage", "site_settings.manage"),
    "catalogue_office:column_edit": ("site_settings.manage", "site_settings.manage"),
    "catalogue_office:column_action": (None, "site_settings.manage"),
    "catalogue_office:normative": ("catalogue.view", "catalogue.view"),
    "catalogue_office:normative_detail": ("catalogue.view", "catalogue.view"),
    "catalogue_office:normative_register": ("normative.manage", "normative.manage"),
    "catalogue_office:normative_status": ("normative.manage", "normative.manage"),
    "catalogue_office:revision_edit": ("catalogue.edit", "catalogue.edit"),
    "catalogue_office:revision_preview": ("catalogue.view", "catalogue.view"),
    "catalogue_office:tokens": ("office.enter", "office.enter"),
    # accounts_office: API tokens moved here (issue 12 item 14); the catalogue paths redirect
    "accounts_office:tokens": ("office.enter", "office.enter"),
    "accounts_office:token_revoke": (None, "office.enter"),
    # search_office: synonyms the openness office adds (issue 17)
    "search_office:synonyms": ("search.manage_synonyms", "search.manage_synonyms"),
    "search_office:synonym_edit": ("search.manage_synonyms", "search.manage_synonyms"),
    "search_office:synonym_remove": (None, "search.manage_synonyms"),
    # confidentiality_office
    "confidentiality_office:negative_list": ("office.enter", "office.enter"),
    "confidentiality_office:negative_list_deactivate": (None, "negative_list.manage"),
    "confidentiality_office:negative_list_edit": ("negative_list.manage", "negative_list.manage"),
    "confidentiality_office:negative_list_new": ("negative_list.manage", "negative_list.manage"),
    "confidentiality_office:override": (None, "confidentiality.override"),
    "confidentiality_office:report": ("confidentiality.view", "confidentiality.view"),
    "confidentiality_office:scan_tool": ("confidentiality.view", "confidentiality.view"),
    # consultations_office
    "consultations_office:attachment_add": (None, "consultations.edit"),
    "consultations_office:comment_moderate": (None, "consultations.moderate"),
    "consultations_office:comment_register": ("consultations.edit", "consultations.edit"),
    "consultations_office:decision": (None, "consultations.edit"),
    "consultations_office:detail": ("consultations.view", "consultations.view"),
    "consultations_office:dispositions": ("consultations.edit", "consultations.edit"),
    "consultations_office:edit": ("consultations.edit", "consultations.edit"),
    "consultations_office:final_text": ("consultations.edit", "consultations.edit"),
    "consultations_office:hearing_edit": ("consultations.edit", "consultations.edit"),
    "consultations_office:hearing_new": ("consultations.edit", "consultations.edit"),
    "consultations_office:list": ("consultations.view", "consultations.view"),
    "consultations_office:moderation": ("consultations.moderate", "consultations.moderate"),
    "consultations_office:new": ("consultations.edit", "consultations.edit"),
    "consultations_office:report": ("consultations.edit", "consultations.edit"),
    "consultations_office:window": ("consultations.edit", "consultations.edit"),
    # enforcement_office
    "enforcement_office:decision": ("enforcement.view", "enforcement.view"),
    "enforcement_office:decision_change": ("enforcement.manage", "enforcement.manage"),
    "enforcement_office:decision_edit": ("enforcement.manage", "enforcement.manage"),
    "enforcement_office:decision_new": ("enforcement.manage", "enforcement.manage"),
    "enforcement_office:decisions": ("enforcement.view", "enforcement.view"),
    "enforcement_office:home": ("enforcement.view", "enforcement.view"),
    "enforcement_office:inspection": ("enforcement.view", "enforcement.view"),
    "enforcement_office:inspection_complete": (None, "enforcement.draw"),
    "enforcement_office:inspection_draw": (None, "enforcement.draw"),
    "enforcement_office:inspection_new": ("enforcement.draw", "enforcement.draw"),
    "enforcement_office:inspection_publish": (None, "enforcement.draw"),
    "enforcement_office:inspection_verify": (None, "enforcement.verify_draw"),
    "enforcement_office:inspections": ("enforcement.view", "enforcement.view"),
    "enforcement_office:listing_action": (None, "enforcement.manage"),
    "enforcement_office:listing_new": ("enforcement.manage", "enforcement.manage"),
    "enforcement_office:listings": ("enforcement.view", "enforcement.view"),
    "enforcement_office:reference_edit": ("enforcement.manage", "enforcement.manage"),
    "enforcement_office:reference_new": ("enforcement.manage", "enforcement.manage"),
    "enforcement_office:references": ("enforcement.view", "enforcement.view"),
    # foi_office
    "foi_office:action": (None, "foi.view"),
    "foi_office:attach_item": (None, "foi.handle"),
    "foi_office:detail": ("foi.view", "foi.view"),
    "foi_office:document": ("foi.view", "foi.view"),
    "foi_office:frequent": ("foi.view", "foi.view"),
    "foi_office:letter": ("foi.view", "foi.view"),
    "foi_office:new": ("foi.register", "foi.register"),
    "foi_office:notice": ("foi.view", "foi.view"),
    "foi_office:override": (None, "confidentiality.override"),
    "foi_office:register": ("foi.view", "foi.view"),
    "foi_office:review_cases": ("foi.statistics", "foi.manage"),
    "foi_office:statistics": ("foi.statistics", "foi.statistics"),
    "foi_office:statistics_cell": ("foi.statistics", "foi.statistics"),
    "foi_office:template_edit": ("foi.manage", "foi.manage"),
    "foi_office:templates": ("foi.manage", "foi.manage"),
    "foi_office:upload": (None, "foi.handle"),
    # incidents_office
    "incidents_office:add_release": (None, "incidents.release"),
    "incidents_office:close": (None, "incidents.manage"),
    "incidents_office:compliance_csv": ("incidents.view", "incidents.view"),
    "incidents_office:console": ("incidents.view", "incidents.view"),
    "incidents_office:correct_release": (None, "incidents.release"),
    "incidents_office:detail": ("incidents.view", "incidents.view"),
    "incidents_office:edit_release": ("incidents.release", "incidents.release"),
    "incidents_office:new": ("incidents.manage", "incidents.manage"),
    "incidents_office:press_conference": (None, "incidents.manage"),
    "incidents_office:severity": (None, "incidents.manage"),
    "incidents_office:urgent_publish": (None, "publishing.approve"),
    # interpretations_office
    "interpretations_office:coverage": ("interpretations.view", "interpretations.view"),
    "interpretations_office:detail": ("interpretations.view", "interpretations.view"),
    "interpretations_office:edit": ("interpretations.edit", "interpretations.edit"),
    "interpretations_office:image_upload": (None, "interpretations.edit"),
    "interpretations_office:list": ("interpretations.view", "interpretations.view"),
    "interpretations_office:media_upload": (None, "interpretations.edit"),
    "interpretations_office:new": ("interpretations.edit", "interpretations.edit"),
    "interpretations_office:qa": ("interpretations.edit", "interpretations.edit"),
    "interpretations_office:waive": ("interpretations.waive", "interpretations.waive"),
    # interviews_office
    "interviews_office:detail": ("interviews.view", "interviews.view"),
    "interviews_office:edit": ("interviews.manage", "interviews.manage"),
    "interviews_office:list": ("interviews.view", "interviews.view"),
    "interviews_office:moderate": (None, "interviews.moderate"),
    "interviews_office:new": ("interviews.manage", "interviews.manage"),
    "interviews_office:post_entry": (None, "interviews.manage"),
    # key_tasks_office
    "key_tasks_office:decide": (None, "supervision.confirm"),
    "key_tasks_office:edit": ("key_tasks.manage", "key_tasks.manage"),
    "key_tasks_office:finding": ("key_tasks.view", "key_tasks.view"),
    "key_tasks_office:finding_new": ("supervision.raise", "supervision.raise"),
    "key_tasks_office:finding_publish": (None, "publishing.draft"),
    "key_tasks_office:findings": ("key_tasks.view", "key_tasks.view"),
    "key_tasks_office:list": ("key_tasks.view", "key_tasks.view"),
    "key_tasks_office:milestone_edit": ("key_tasks.manage", "key_tasks.manage"),
    "key_tasks_office:milestone_new": ("key_tasks.manage", "key_tasks.manage"),
    "key_tasks_office:new": ("key_tasks.manage", "key_tasks.manage"),
    "key_tasks_office:notice": ("key_tasks.view", "key_tasks.view"),
    "key_tasks_office:notice_edit": ("accountability.manage", "accountability.manage"),
    "key_tasks_office:notice_new": ("accountability.manage", "accountability.manage"),
    "key_tasks_office:notice_publish": (None, "accountability.manage"),
    "key_tasks_office:notices": ("key_tasks.view", "key_tasks.view"),
    "key_tasks_office:publish": (None, "key_tasks.manage"),
    "key_tasks_office:rectify": (None, "supervision.rectify"),
    "key_tasks_office:report": ("key_tasks.report", "key_tasks.report"),
    "key_tasks_office:task": ("key_tasks.view", "key_tasks.view"),
    # newmedia_office
    "newmedia_office:account_close": ("newmedia.manage", "newmedia.manage"),
    "newmedia_office:account_edit": ("newmedia.manage", "newmedia.manage"),
    "newmedia_office:account_new": ("newmedia.manage", "newmedia.manage"),
    "newmedia_office:account_updated": (None, "newmedia.manage"),
    "newmedia_office:accounts": ("newmedia.view", "newmedia.view"),
    "newmedia_office:post_new": ("newmedia.post", "newmedia.post"),
    # notifications_office
    "notifications_office:preferences": ("office.enter", "office.enter"),
    # office
    "office:home": ("office.enter", "office.enter"),
    # opendata_office
    "opendata_office:application": ("opendata.applications", "opendata.applications"),
    "opendata_office:applications": ("opendata.applications", "opendata.applications"),
    "opendata_office:dataset": ("opendata.view", "opendata.view"),
    "opendata_office:home": ("opendata.view", "opendata.view"),
    "opendata_office:indicator_edit": ("opendata.manage", "opendata.manage"),
    "opendata_office:indicators": ("opendata.view", "opendata.view"),
    "opendata_office:release": ("opendata.view", "opendata.manage"),
    "opendata_office:release_new": ("opendata.manage", "opendata.manage"),
    "opendata_office:resource_edit": ("opendata.manage", "opendata.manage"),
    "opendata_office:resource_new": ("opendata.manage", "opendata.manage"),
    "opendata_office:resources": ("opendata.view", "opendata.view"),
    "opendata_office:survey_edit": ("opendata.manage", "opendata.manage"),
    "opendata_office:survey_new": ("opendata.manage", "opendata.manage"),
    "opendata_office:surveys": ("opendata.view", "opendata.view"),
    "opendata_office:task": ("opendata.manage", "opendata.manage"),
    "opendata_office:upload": ("opendata.manage", "opendata.manage"),
    # outbox_office
    "outbox_office:detail": ("outbox.view", "outbox.view"),
    "outbox_office:endpoint_edit": ("outbox.manage", "outbox.manage"),
    "outbox_office:endpoint_new": ("outbox.manage", "outbox.manage"),
    "outbox_office:endpoints": ("outbox.view", "outbox.view"),
    "outbox_office:list": ("outbox.view", "outbox.view"),
    "outbox_office:retry": (None, "outbox.manage"),
    # press_office
    "press_office:add_attachment": (None, "press.manage"),
    "press_office:add_entry": (None, "press.manage"),
    "press_office:answer_request": ("press.manage", "press.manage"),
    "press_office:conference": ("press.view", "press.view"),
    "press_office:conference_edit": ("press.manage", "press.manage"),
    "press_office:conference_new": ("press.manage", "press.manage"),
    "press_office:held": (None, "press.manage"),
    "press_office:home": ("press.view", "press.view"),
    "press_office:spokesperson_edit": ("press.manage", "press.manage"),
    "press_office:spokesperson_new": ("press.manage", "press.manage"),
    # public_messages_office
    "public_messages_office:act": (None, "messages.view"),
    "public_messages_office:detail": ("messages.view", "messages.view"),
    "public_messages_office:list": ("messages.view", "messages.view"),
    # publishing_office
    "publishing_office:approvals": ("publishing.approve", "publishing.approve"),
    "publishing_office:approve": ("publishing.view", "publishing.approve"),
    "publishing_office:detail": ("publishing.view", "publishing.view"),
    "publishing_office:drafts": ("publishing.draft", "publishing.draft"),
    "publishing_office:override_finding": ("publishing.view", "publishing.view"),
    "publishing_office:pass_review": ("publishing.review", "publishing.review"),
    "publishing_office:published": ("publishing.view", "publishing.view"),
    "publishing_office:queue": ("publishing.view", "publishing.view"),
    "publishing_office:return": ("publishing.view", "publishing.view"),
    "publishing_office:review": ("publishing.review", "publishing.review"),
    "publishing_office:scheduled": ("publishing.view", "publishing.view"),
    "publishing_office:submit": ("publishing.view", "publishing.draft"),
    "publishing_office:substitute": ("publishing.substitute", "publishing.substitute"),
    "publishing_office:substitute_end": (None, "publishing.substitute"),
    "publishing_office:withdraw": ("publishing.withdraw", "publishing.withdraw"),
    # responsibilities_office
    "responsibilities_office:adjust": ("responsibilities.manage", "responsibilities.manage"),
    "responsibilities_office:export": ("responsibilities.view", "responsibilities.view"),
    "responsibilities_office:import": ("responsibilities.manage", "responsibilities.manage"),
    "responsibilities_office:item_delete": (None, "responsibilities.manage"),
    "responsibilities_office:item_edit": ("responsibilities.manage", "responsibilities.manage"),
    "responsibilities_office:item_new": ("responsibilities.manage", "responsibilities.manage"),
    "responsibilities_office:list": ("responsibilities.view", "responsibilities.view"),
    "responsibilities_office:version": ("responsibilities.view", "responsibilities.view"),
    # results_office
    "results_office:break_down": (None, "results.manage"),
    "results_office:detail": ("results.view", "results.view"),
    "results_office:edit": ("results.manage", "results.manage"),
    "results_office:index": ("results.view", "results.view"),
    "results_office:new": ("results.manage", "results.manage"),
    "results_office:publish": (None, "results.manage"),
    # search_office
    "search_office:status": ("search.view_status", "search.view_status"),
    # service_guides_office
    "service_guides_office:edit": ("service_guides.manage", "service_guides.manage"),
    "service_guides_office:error_handle": (None, "service_guides.manage"),
    "service_guides_office:errors": ("service_guides.view", "service_guides.view"),
    "service_guides_office:list": ("service_guides.view", "service_guides.view"),
    "service_guides_office:material_delete": (None, "service_guides.manage"),
    "service_guides_office:material_edit": ("service_guides.manage", "service_guides.manage"),
    "service_guides_office:material_file": (None, "service_guides.manage"),
    "service_guides_office:material_new": ("service_guides.manage", "service_guides.manage"),
    "service_guides_office:new": ("service_guides.manage", "service_guides.manage"),
    "service_guides_office:revise": ("service_guides.manage", "service_guides.manage"),
    "service_guides_office:version": ("service_guides.view", "service_guides.view"),
    # surveys_office
    "surveys_office:detail": ("surveys.view", "surveys.view"),
    "surveys_office:edit": ("surveys.manage", "surveys.manage"),
    "surveys_office:generate": (None, "surveys.manage"),
    "surveys_office:list": ("surveys.view", "surveys.view"),
    "surveys_office:moderate": (None, "surveys.moderate"),
    "surveys_office:moderation": ("surveys.moderate", "surveys.moderate"),
    "surveys_office:new": ("surveys.manage", "surveys.manage"),
    "surveys_office:publish": (None, "surveys.manage"),
    "surveys_office:publish_results": (None, "surveys.manage"),
    "surveys_office:question_delete": (None, "surveys.manage"),
    "surveys_office:question_edit": ("surveys.manage", "surveys.manage"),
    "surveys_office:question_new": ("surveys.manage", "surveys.manage"),
    "surveys_office:responses_csv": ("surveys.view", "surveys.view"),
    # workdays_office
    "workdays_office:announce": ("platform_admin", "platform_admin"),
    "workdays_office:calculator": ("workdays.view", "workdays.view"),
    "workdays_office:day_add": ("platform_admin", "platform_admin"),
    "workdays_office:day_remove": ("platform_admin", "platform_admin"),
    "workdays_office:import": ("platform_admin", "platform_admin"),
    "workdays_office:seed": (None, "platform_admin"),
    "workdays_office:year": ("workdays.view", "workdays.view"),
    "workdays_office:years": ("workdays.view", "workdays.view"),
    # annual_reports_office (issue 16 item 4)
    "annual_reports_office:redraft": (None, "foi.manage"),
    # city_office — the platform's agency administration and an agency's own rules (issue 18 items 6-7)
    "city_office:agencies": (PLATFORM_ADMIN, PLATFORM_ADMIN),
    "city_office:agency": (PLATFORM_ADMIN, PLATFORM_ADMIN),
    "city_office:agency_new": (PLATFORM_ADMIN, PLATFORM_ADMIN),
    "city_office:agency_edit": (PLATFORM_ADMIN, PLATFORM_ADMIN),
    "city_office:agency_close": (None, PLATFORM_ADMIN),
    "city_office:agency_reopen": (None, PLATFORM_ADMIN),
    "city_office:agency_administrator": (None, PLATFORM_ADMIN),
    "city_office:agency_move_staff": (None, PLATFORM_ADMIN),
    "city_office:rules": ("office.enter", "site_settings.manage"),
    "city_office:portal_settings": (PLATFORM_ADMIN, PLATFORM_ADMIN),
    # cityops_office — the city openness office (issue 18 items 8-9)
    "cityops_office:overview": ("cityops.oversee", "cityops.oversee"),
    "cityops_office:agency": ("cityops.oversee", "cityops.oversee"),
    "cityops_office:supervision": ("cityops.oversee", "cityops.supervise"),
    "cityops_office:notices": ("cityops.notices_view", "cityops.notices_view"),
    "cityops_office:notice": ("cityops.notices_view", "cityops.notices_answer"),
    "cityops_office:rollup": ("cityops.rollup", "cityops.rollup"),
    "cityops_office:rollup_xlsx": ("cityops.rollup", "cityops.rollup"),
    "cityops_office:template": ("cityops.rollup", "cityops.rollup"),
    "cityops_office:submit": ("cityops.rollup", "cityops.rollup"),
    # foi_office (issue 16 item 2: outcomes of reviews and suits)
    "foi_office:review_case_edit": ("foi.manage", "foi.manage"),
    # self_inspection_office (issue 16 item 3)
    "self_inspection_office:campaigns": ("self_inspection.view", "self_inspection.view"),
    "self_inspection_office:campaign_new": ("self_inspection.manage", "self_inspection.manage"),
    "self_inspection_office:campaign": ("self_inspection.view", "self_inspection.view"),
    "self_inspection_office:collect": (None, "self_inspection.manage"),
    "self_inspection_office:decide": ("self_inspection.manage", "self_inspection.manage"),
    "self_inspection_office:review": ("self_inspection.manage", "self_inspection.manage"),
    "self_inspection_office:close": (None, "self_inspection.manage"),
    "self_inspection_office:report": ("self_inspection.view", "self_inspection.view"),
}


# Which permission every staff route of the JSON API (/api/v1/, django-ninja, a token of 我的 API 令牌)
# needs: "METHOD /path" (the path as the OpenAPI schema names it, below /api/v1) → permission.
# `tests/test_api_permission_map.py` sweeps every staff route × role × (own agency, another agency)
# against it with real tokens, and fails for a staff route that is not here (issue 12 item 15).
API: dict[str, str] = {
    # documents (catalogue)
    "POST /documents/drafts": "catalogue.edit",
    "POST /documents/drafts/{item_id}/submit": "publishing.draft",
    # requests (依申请公开)
    "GET /requests": "foi.view",
    "GET /requests/{pk}": "foi.view",
    "POST /requests/register": "foi.register",
    "POST /requests/{pk}/confirm": "foi.register",
    "POST /requests/{pk}/assign": "foi.register",
    "POST /requests/{pk}/supplement-notice": "foi.handle",
    "POST /requests/{pk}/supplement": "foi.handle",
    "POST /requests/{pk}/consultations": "foi.handle",
    "POST /requests/{pk}/consultations/end": "foi.handle",
    "POST /requests/{pk}/extend": "foi.extend",
    "POST /requests/{pk}/fee-notice": "foi.handle",
    "POST /requests/{pk}/fee-paid": "foi.handle",
    "POST /requests/{pk}/answer": "foi.handle",
    "POST /requests/{pk}/withdraw": "foi.register",
    "POST /requests/{pk}/forward": "foi.handle",
    # workflows (the publication workflow)
    "GET /workflows/queue": "publishing.view",
    "GET /workflows/{workflow_id}": "publishing.view",
    "POST /workflows/{workflow_id}/submit": "publishing.draft",
    "POST /workflows/{workflow_id}/pass-review": "publishing.review",
    "POST /workflows/{workflow_id}/return": "publishing.review",
    "POST /workflows/{workflow_id}/approve": "publishing.approve",
    "POST /workflows/{workflow_id}/withdraw": "publishing.withdraw",
    # power-list (权责清单)
    "POST /power-list/adjustments": "responsibilities.manage",
    # enforcement (行政执法公示)
    "POST /enforcement/decisions": "enforcement.manage",
    "POST /enforcement/decisions/{pk}/change": "enforcement.manage",
    "POST /enforcement/inspections/{pk}/draw": "enforcement.draw",
    "POST /enforcement/inspections/{pk}/verify": "enforcement.verify_draw",
    # assessment (网站自查与绩效考核)
    "GET /assessment/inspection/latest": "assessment.view",
    "GET /assessment/scores": "assessment.view",
    "GET /assessment/scores/{code}": "assessment.view",
    "GET /assessment/dashboard": "assessment.view",
    # self-inspection (年度自查)
    "GET /self-inspection/campaigns": "self_inspection.view",
    "POST /self-inspection/campaigns": "self_inspection.manage",
    "GET /self-inspection/campaigns/{pk}": "self_inspection.view",
    "POST /self-inspection/campaigns/{pk}/collect": "self_inspection.manage",
    "POST /self-inspection/entries/{pk}/decision": "self_inspection.manage",
    "POST /self-inspection/negative-list/{pk}": "self_inspection.manage",
    "POST /self-inspection/campaigns/{pk}/close": "self_inspection.manage",
    "GET /self-inspection/campaigns/{pk}/report.docx": "self_inspection.view",
    # city (市政务公开办: the roll-up and 督办通知 across agencies)
    "GET /city/annual-reports/{year}": "cityops.rollup",
    "POST /city/annual-reports/{year}/{code}": "cityops.rollup",
    "GET /city/notices": "cityops.notices_view",
    "POST /city/notices": "cityops.supervise",
    "POST /city/notices/{pk}/answer": "cityops.notices_answer",
}

# API routes that change a record of the whole agency (no department, `guard_unassigned_is_office`): a
# department-bound role (承办人) holding the permission is refused by the guard's department rule.
API_WHOLE_AGENCY = frozenset({"POST /power-list/adjustments"})

# API routes the city openness office uses across agencies: another agency's staff holding the
# permission are let in (the sweep's "another agency" check is skipped for them).
API_CITY_WIDE = frozenset(
    {"GET /city/annual-reports/{year}", "POST /city/annual-reports/{year}/{code}", "POST /city/notices"}
)
