"""The mandatory elements of a 办事指南 (REQUIREMENTS C4; 《国务院关于在线政务服务的若干规定》 and
GB/T 32169 list the same elements): a guide missing one cannot be submitted, and the message names it."""

# (field, label) in the order of the public page; materials and the fee are checked specially.
TEXT_ELEMENTS = (
    ("basis", "设定依据"),
    ("conditions", "受理条件"),
    ("process", "办理流程"),
    ("location", "办理地点"),
    ("hours", "办理时间"),
    ("phone", "咨询电话"),
    ("complaint", "投诉渠道"),
    ("delivery", "结果送达"),
)
DAY_ELEMENTS = (("statutory_days", "法定时限"), ("promised_days", "承诺时限"))


def missing_elements(values: dict, material_count: int) -> list[str]:
    """The labels of the mandatory elements `values` lacks (empty: complete)."""
    missing = []
    for name, label in TEXT_ELEMENTS:
        if not str(values.get(name) or "").strip():
            missing.append(label)
        if name == "conditions" and material_count == 0:
            missing.append("申请材料")
    missing += [label for name, label in DAY_ELEMENTS if values.get(name) in (None, "")]
    if not values.get("fee_free") and not (
        str(values.get("fee_standard") or "").strip() and str(values.get("fee_basis") or "").strip()
    ):
        missing.append("收费标准及依据（或注明不收费）")
    return missing
