"""The detectors and extractors, on documents built in memory (builders.py)."""

import pytest

from gongkai.confidentiality.scanner import Source, extract_sources, html_to_text, scan

from . import builders as b


def findings_of(name, data, terms=()):
    return scan(extract_sources(name, data), negative_terms=terms)


def text_findings(text, terms=()):
    return scan([Source("正文", text)], negative_terms=terms)


def kinds(findings):
    return [(f.kind, f.severity) for f in findings]


# --- resident ID numbers -------------------------------------------------------------------------


def test_valid_resident_id_in_a_docx_is_high_with_its_paragraph_and_a_masked_excerpt():
    data = b.docx(["关于2024年统计执法检查情况的通报", f"当事人张某，身份证号{b.VALID_ID_FUZHOU}，经查。"])
    [finding] = findings_of("执法通报.docx", data)
    assert finding.kind == "resident_id"
    assert finding.severity == "high"
    assert finding.location == "附件《执法通报.docx》第2段"
    assert finding.excerpt == "当事人张某，身份证号350102********1238，经查。"
    assert b.VALID_ID_FUZHOU not in finding.excerpt


def test_valid_resident_id_in_an_xlsx_names_sheet_row_and_column():
    data = b.xlsx([["姓名", "身份证号码"], ["张三", "联系人"], ["李四", b.VALID_ID]])
    [finding] = findings_of("统计表.xlsx", data)
    assert (finding.kind, finding.severity) == ("resident_id", "high")
    assert finding.location == "附件《统计表.xlsx》工作表“Sheet1” 第3行 B列"
    assert finding.excerpt == "110105********002X"


def test_checksum_failing_18_digit_number_raises_nothing():
    assert text_findings(f"项目编号 {b.BAD_CHECKSUM_ID} 已登记") == []
    data = b.xlsx([["编号"], [b.BAD_CHECKSUM_ID], ["123456789012345678"]])
    assert findings_of("编号.xlsx", data) == []


def test_id_number_inside_a_longer_digit_run_is_not_an_id():
    assert text_findings(f"流水号9{b.VALID_ID_FUZHOU}7") == []


def test_resident_id_with_lowercase_x_and_spaces_is_found():
    assert kinds(text_findings("证件号：110105 19491231 002x")) == [("resident_id", "high")]


# --- bank cards, mobiles, credit codes -------------------------------------------------------------


def test_luhn_valid_bank_card_is_found_and_high_after_the_word_卡号():
    [finding] = text_findings(f"收款银行卡号：{b.VALID_CARD}")
    assert (finding.kind, finding.severity, finding.excerpt) == (
        "bank_card",
        "high",
        "收款银行卡号：6222***********0128",
    )


def test_luhn_valid_card_without_context_is_medium_and_grouped_digits_are_read():
    grouped = " ".join(b.VALID_CARD[i : i + 4] for i in range(0, 19, 4))
    assert kinds(text_findings(f"备注 {grouped} 见附件")) == [("bank_card", "medium")]


def test_luhn_invalid_card_is_not_a_finding():
    assert text_findings(f"银行卡号：{b.BAD_CARD}") == []


def test_valid_resident_id_is_not_reported_twice_as_a_bank_card():
    assert kinds(text_findings(f"账号 {b.VALID_ID_FUZHOU}")) == [("resident_id", "high")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("联系电话：13812345678。", [("mobile_number", "medium")]),
        ("手机 138-1234-5678", [("mobile_number", "medium")]),
        ("+86 139 1234 5678", [("mobile_number", "medium")]),
        ("合同编号 2138123456789", []),  # 11 digits inside a longer run
        ("全市生产总值 15000000000 元", []),  # a round quantity
        ("电话 0591-87654321", []),  # a landline is the bureau's public contact
    ],
)
def test_mobile_numbers(text, expected):
    assert kinds(text_findings(text)) == expected


def test_mobile_number_excerpt_is_masked():
    [finding] = text_findings("联系人手机13812345678")
    assert finding.excerpt == "联系人手机138****5678"


def test_unified_social_credit_code_is_low_and_not_masked():
    [finding] = text_findings(f"统一社会信用代码：{b.VALID_USCC}")
    assert (finding.kind, finding.severity) == ("credit_code", "low")
    assert b.VALID_USCC in finding.excerpt


def test_invalid_credit_code_is_not_reported():
    assert text_findings("统一社会信用代码：91350100M000100Y44") == []


# --- classification markings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["秘密★1年", "机密★", "绝密★长期", "机密 ★ 10年", "密级：秘密", "秘密", "机密        第1页", "【绝密】"],
)
def test_classification_markings_are_high(text):
    assert kinds(text_findings(f"{text}\n关于印发统计工作要点的通知")) == [("classification_marking", "high")]


@pytest.mark.parametrize(
    "text",
    [
        "依照《政府信息公开条例》第十五条，涉及商业秘密、个人隐私的信息不得公开。",
        "全体干部要保守秘密，严守工作秘密。",
        "不得泄露国家秘密和商业秘密。",
        "机密文件的管理按照保密规定执行。",  # a word in a sentence, not a marking
        "标注“秘密★”的文件不得上网。",  # a quoted mention of the form
    ],
)
def test_ordinary_words_and_legal_citations_are_not_markings(text):
    assert text_findings(text) == []


def test_marking_in_a_docx_header_is_found_there():
    data = b.docx(["正文"], header="机密★5年")
    [finding] = findings_of("通知.docx", data)
    assert (finding.kind, finding.severity, finding.location) == (
        "classification_marking",
        "high",
        "附件《通知.docx》页眉第1段",
    )


def test_internal_stamp_is_medium():
    assert kinds(text_findings("内部资料 注意保存\n正文")) == [("classification_marking", "medium")]


# --- negative list -------------------------------------------------------------------------------


def test_negative_list_term_is_high_and_cites_the_basis():
    [finding] = text_findings(
        "附件：2024年统计调查对象名录（全市）", [("统计调查对象名录", "《统计法》第二十八条")]
    )
    assert (finding.kind, finding.severity) == ("negative_term", "high")
    assert "《统计法》第二十八条" in finding.detail
    assert "统计调查对象名录" in finding.excerpt


def test_one_character_terms_are_ignored():
    assert text_findings("统计", [("统", "")]) == []


# --- hidden content and metadata -----------------------------------------------------------------


def test_docx_comments_tracked_changes_hidden_text_and_metadata_are_found():
    data = b.docx(
        ["正文第一段"],
        comments=[f"请核对：{b.VALID_ID}"],
        deleted=[f"身份证{b.VALID_ID_FUZHOU}"],
        inserted=["新增的一句"],
        hidden=["隐藏的说明"],
        author="张三",
    )
    found = {(f.kind, f.severity, f.location, f.excerpt) for f in findings_of("报告.docx", data)}
    assert found == {
        ("resident_id", "high", "附件《报告.docx》批注1（王五）", "请核对：110105********002X"),
        ("resident_id", "high", "附件《报告.docx》第3段（修订中已删除的文字）", "身份证350102********1238"),
        ("hidden_content", "medium", "附件《报告.docx》修订记录", "插入 1 处，删除 1 处"),
        ("hidden_content", "medium", "附件《报告.docx》批注", "共 1 条批注"),
        ("hidden_content", "medium", "附件《报告.docx》第2段（隐藏文字）", "隐藏的说明"),
        ("document_metadata", "low", "附件《报告.docx》文档属性", "作者：张三；最后修改者：张三"),
    }


def test_xlsx_hidden_sheets_rows_columns_and_comments_are_found():
    data = b.xlsx(
        [["地区", "企业数", "备注"], ["鼓楼区", 12, "x"], ["台江区", 3, "y"], ["仓山区", 8, "z"]],
        hidden_sheet_rows=[["企业名称", "负责人手机"], ["某某公司", "13912345678"]],
        very_hidden=True,
        hidden_rows=[3],
        hidden_columns=["C"],
        comment=("B2", "核实人：李四"),
        creator="李四",
    )
    found = {(f.kind, f.location, f.excerpt) for f in findings_of("统计表.xlsx", data)}
    assert found == {
        ("hidden_content", "附件《统计表.xlsx》工作表“Sheet1” 第3行", "隐藏行 1 行"),
        ("hidden_content", "附件《统计表.xlsx》工作表“Sheet1” C列", "隐藏列 1 列"),
        ("hidden_content", "附件《统计表.xlsx》工作表“Sheet1”单元格批注", "共 1 条批注"),
        ("hidden_content", "附件《统计表.xlsx》隐藏工作表“名单”", "工作表“名单”"),
        ("mobile_number", "附件《统计表.xlsx》隐藏工作表“名单” 第2行 B列", "139****5678"),
        ("document_metadata", "附件《统计表.xlsx》文档属性", "作者：李四；最后修改者：李四"),
    }


def test_hidden_empty_rows_are_not_reported():
    data = b.xlsx([["a"], ["b"]], hidden_rows=[10], hidden_columns=["F"])
    assert findings_of("空.xlsx", data) == []


def test_pdf_text_and_author_are_scanned():
    data = b.pdf(["Report", f"ID {b.VALID_ID}", f"card {b.BAD_CARD}"], author="Zhang San")
    found = [(f.kind, f.severity, f.location) for f in findings_of("报告.pdf", data)]
    assert found == [
        ("resident_id", "high", "附件《报告.pdf》第1页 第2行"),
        ("document_metadata", "low", "附件《报告.pdf》文档属性"),
    ]


def test_odt_comments_deletions_and_ods_hidden_rows_and_sheets():
    odt = b.odt(["密级：秘密"], comment="联系13812345678", deleted=f"删去{b.VALID_ID}", creator="赵六")
    assert {(f.kind, f.location) for f in findings_of("a.odt", odt)} == {
        ("classification_marking", "附件《a.odt》第1段"),
        ("mobile_number", "附件《a.odt》批注1"),
        ("hidden_content", "附件《a.odt》批注"),
        ("resident_id", "附件《a.odt》修订中已删除的文字（第1处）"),
        ("hidden_content", "附件《a.odt》修订记录"),
        ("document_metadata", "附件《a.odt》文档属性"),
    }
    ods = b.ods([["地区", "数"], ["甲", b.VALID_ID]], hidden_row=2, hidden_sheet_rows=[["x"]])
    assert {(f.kind, f.location) for f in findings_of("b.ods", ods)} == {
        ("resident_id", "附件《b.ods》工作表“Sheet1” 第2行 B列（隐藏行）"),
        ("hidden_content", "附件《b.ods》工作表“Sheet1” 第2行"),
        ("hidden_content", "附件《b.ods》隐藏工作表“名单”"),
    }


# --- robustness ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data",
    [
        ("坏.docx", b"PK\x03\x04this is not a zip"),
        ("坏.pdf", b"%PDF-1.7\n1 0 obj <<< broken"),
        ("坏.xlsx", b"PK\x05\x06" + b"\x00" * 18),
        ("未知.bin", b"\x00\x01\x02\x03binary"),
    ],
)
def test_corrupt_file_is_an_unreadable_finding_not_an_exception(name, data):
    [finding] = findings_of(name, data)
    assert (finding.kind, finding.severity, finding.location) == (
        "unreadable_file",
        "high",
        f"附件《{name}》",
    )


def test_docx_with_an_entity_bomb_is_refused_as_unreadable():
    import io
    import zipfile

    bomb = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&b;</w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", bomb)
    assert kinds(findings_of("炸弹.docx", buffer.getvalue())) == [("unreadable_file", "high")]


def test_image_yields_no_findings():
    assert findings_of("图.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32) == []


def test_findings_are_ordered_by_severity():
    findings = text_findings(f"统一社会信用代码{b.VALID_USCC}\n电话13812345678\n{b.VALID_ID}")
    assert [f.severity for f in findings] == ["high", "medium", "low"]


def test_html_body_becomes_lines():
    assert html_to_text("<p>第一段</p><p>第二段<br>第二行</p><script>x</script>") == "第一段\n第二段\n第二行"
