"""Issue 11 item 20: a comment approved with masking hides every kind of personal data."""

from gongkai.consultations.masking import KIND_LABELS, mask_personal_data, personal_findings


def test_new_personal_data_kinds_are_masked_and_labelled():
    body = "建议如下。我是李四 0591-87654321，邮箱lisi@163.com，港澳通行证C12345678。"
    masked, kinds = mask_personal_data(body)
    assert masked == "建议如下。我是李四 0591-****4321，邮箱l**i@163.com，港澳通行证C1*****78。"
    assert kinds == ["hk_macao_permit", "home_landline", "personal_email"]
    assert sorted(KIND_LABELS[f.kind] for f in personal_findings(body)) == [
        "个人电子邮箱",
        "住宅电话",
        "港澳通行证号码",
    ]
    assert mask_personal_data("") == ("", [])
