"""Issue 11 item 20: a published message hides every kind of personal data the scanner finds."""

from gongkai.public_messages.masking import has_personal_data, mask_personal_data


def test_new_personal_data_kinds_are_masked_before_publication():
    body = "我叫张三，家庭电话0591-87654321，邮箱zhangsan@qq.com，车牌闽A12345，护照E12345678。"
    assert has_personal_data(body)
    assert mask_personal_data(body) == (
        "我叫张三，家庭电话0591-****4321，邮箱z******n@qq.com，车牌闽A***45，护照E1*****78。"
    )


def test_figures_and_official_contacts_are_left_as_they_are():
    body = "去年全市生产总值13812345678万元，咨询电话0591-87654321，邮箱tjj@fuzhou.gov.cn。"
    assert not has_personal_data(body)
    assert mask_personal_data(body) == body
