"""Audit kinds recorded by foi_requests (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("foi_request", "依申请公开")
register_group("foi_letter_template", "依申请公开文书模板")
register_group("foi_review_case", "复议诉讼案件")
register(
    {
        "foi_request.submitted": "收到网上申请",
        "foi_request.forwarded": "转送有权机关",
        "foi_request.forward_received": "收到其他机关转送的申请",
        "foi_request.received": "登记申请",
        "foi_request.assigned": "分办",
        "foi_request.supplement_requested": "告知补正",
        "foi_request.supplement_received": "收到补正",
        "foi_request.supplement_lapsed": "逾期未补正",
        "foi_request.consultation_started": "征求第三方意见",
        "foi_request.consultation_ended": "第三方意见征询结束",
        "foi_request.extended": "延期答复",
        "foi_request.fee_notice": "收费通知",
        "foi_request.fee_paid": "缴纳信息处理费",
        "foi_request.fee_lapsed": "逾期未缴费",
        "foi_request.withdrawn": "申请人撤回申请",
        "foi_request.answered": "答复",
        "foi_request.document_attached": "添加文书",
        "foi_request.scan_overridden": "确认忽略扫描发现",
        "foi_request.reminded": "到期提醒",
        "foi_letter_template.saved": "保存文书模板",
        "foi_review_case.saved": "保存复议诉讼案件",
    }
)
register(
    {
        "foi_request.backdated": "补录往日事项",
        "foi_request.fee_relief": "减收信息处理费",
        "foi_request.fee_waived": "免收信息处理费",
    }
)
