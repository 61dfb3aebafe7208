"""Issue 11 items 18-20: resident IDs by GB 11643 (region secondary), mobiles by the MIIT numbering plan
and not figures, and the other personal data (passports, travel permits, e-mail, plates, home landlines).
Held-out vectors are tried by outsiders, so the cases below vary the forms rather than repeat one."""

import json

import pytest
from stdnum.cn import ric

from gongkai.confidentiality.lexicon import DATA, is_mobile_prefix
from gongkai.confidentiality.scanner import (
    KIND_LABELS,
    PERSONAL_KINDS,
    Source,
    extract_sources,
    gb11643_check_digit,
    html_sources,
    html_to_text,
    mask_personal_data,
    scan,
)

from . import builders as b


def found(text, **options):
    return [(f.kind, f.severity) for f in scan([Source("正文", text)], **options)]


def file_findings(name, data):
    return [(f.kind, f.location) for f in scan(extract_sources(name, data))]


def with_check_digit(first17: str) -> str:
    return first17 + ric.calc_check_digit(first17 + "0")  # python-stdnum, independent of the scanner


# --- item 18: resident ID numbers (GB 11643-1999) ------------------------------------------------


def test_the_gb_11643_worked_example_is_an_id_with_its_region_named():
    [finding] = scan([Source("正文", "公民身份号码：11010519491231002X")])
    assert (finding.kind, finding.severity) == ("resident_id", "high")
    assert finding.excerpt == "公民身份号码：110105********002X"
    assert "北京市朝阳区" in finding.detail
    assert gb11643_check_digit("11010519491231002") == "X"


@pytest.mark.parametrize(
    "number",
    [
        with_check_digit("99010119900101123"),  # region 990101 is in no table
        with_check_digit("83000019851224003"),  # 台湾居民居住证 code, absent from the table
        with_check_digit("81000019900315002"),  # 港澳台居民居住证 (Hong Kong)
        "350102194901011230",  # 鼓楼区 code exists only since 1983: python-stdnum rejects this one
    ],
)
def test_checksum_and_birth_date_make_an_id_even_when_the_region_is_unknown(number):
    assert not ric.is_valid(number) or number.startswith("81")
    [finding] = scan([Source("正文", f"当事人 {number} 已登记")])
    assert (finding.kind, finding.severity) == ("resident_id", "high")
    assert number not in finding.excerpt


def test_unknown_region_is_named_as_such_in_the_detail():
    [finding] = scan([Source("正文", with_check_digit("56010119900101123"))])
    assert "地区码 560101 不在行政区划代码表中" in finding.detail


@pytest.mark.parametrize(
    "written",
    [
        "110105 19491231 002X",
        "110105 1949 1231 002X",
        "110105-19491231-002X",
        "110105-1949-1231-002x",
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width digits and Ｘ
        "１１０１０５　１９４９１２３１　００２ｘ",  # full-width, ideographic spaces, lower-case ｘ
        "110105－19491231－002X",  # full-width hyphen
        "1101 0519 4912 3100 2X",  # groups of four like a card
    ],
)
def test_ids_written_with_spaces_hyphens_or_full_width_characters_are_found(written):
    [finding] = scan([Source("正文", f"身份证号：{written}。")])
    assert (finding.kind, finding.severity) == ("resident_id", "high")
    assert "110105" in finding.excerpt and "19491231" not in finding.excerpt


def test_full_width_id_in_a_spreadsheet_cell_is_found():
    data = b.xlsx([["姓名", "证件号码"], ["张三", "１１０１０５１９４９１２３１００２Ｘ"]])
    assert file_findings("名单.xlsx", data) == [("resident_id", "附件《名单.xlsx》工作表“Sheet1” 第2行 B列")]


@pytest.mark.parametrize(
    "text",
    [
        "身份证号 110105491231002",  # 15 digits: region 110105, born 1949-12-31, sequence 002
        "350102 900101 123",  # spaced, known region
        "居民身份证：999999850615021",  # region unknown, but named as an ID
        "１１０１０５４９１２３１００２",  # full width
    ],
)
def test_first_generation_15_digit_ids_are_found(text):
    assert found(text) == [("resident_id", "high")]


@pytest.mark.parametrize(
    "text",
    [
        "11010519491231002Y",
        "110105194912310021",  # wrong check digit
        "350102199001011239",  # wrong check digit
        with_check_digit("11010519491332002"),  # valid checksum, no 32 December
        with_check_digit("11010518000101002"),  # born in 1800
        "110105 1949 1231-002X",  # two kinds of separator: not one number
        "110105491331002",  # 15 digits, month 13
        "999999850615021",  # 15 digits, unknown region, no word 身份证
        "营业执照注册号 350102491231002",  # a register number, not an ID
        "流水号 911010519491231002X7",  # inside a longer run
    ],
)
def test_numbers_that_are_not_valid_ids_are_not_reported(text):
    assert found(text) == []


# --- item 19: mobile numbers ---------------------------------------------------------------------


def test_the_numbering_plan_is_data_with_its_source():
    plan = json.loads((DATA / "mobile_prefixes.json").read_text(encoding="utf-8"))
    assert plan["publisher"] == "中华人民共和国工业和信息化部"
    assert plan["as_of"] == "2023-03-31" and "wikisource" in plan["source"]
    three = {p for p in plan["mobile"] if len(p) == 3}
    assert three == (
        {f"13{d}" for d in "0123567 89".replace(" ", "")}
        | {"145", "147", "149"}
        | {f"15{d}" for d in "012356789"}
        | {"162", "165", "166", "167"}
        | {f"17{d}" for d in "0123 5678".replace(" ", "")}
        | {f"18{d}" for d in "0123456789"}
        | {f"19{d}" for d in "0123 56789".replace(" ", "")}
    )


@pytest.mark.parametrize(
    "prefix", ["130", "1340", "1349", "145", "147", "149", "150", "153", "162", "165", "166", "167",
               "170", "171", "172", "173", "1740", "175", "178", "180", "184", "189", "190", "192",
               "193", "195", "196", "197", "199"],
)  # fmt: skip
def test_every_allocated_prefix_is_a_mobile(prefix):
    number = (prefix + "12345678901")[:11]
    assert is_mobile_prefix(number)
    assert found(f"联系人手机{number}") == [("mobile_number", "medium")]


@pytest.mark.parametrize(
    "number", ["12012345678", "14012345678", "14612345678", "14812345678", "15412345678",
               "16012345678", "16112345678", "16812345678", "17452345678", "17912345678", "19412345678",
               "11012345678"],
)  # fmt: skip
def test_numbers_outside_the_mobile_allocations_are_not_mobiles(number):
    assert found(f"编码 {number}") == []


@pytest.mark.parametrize(
    "text",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+86-138-0013-8000",
        "0086 13800138000",
        "(+86)13800138000",
        "8613800138000",
        "１３８００１３８０００",
        "１３８－００１３－８０００",
        "联系电话：13812345678万先生",  # a label before it: 万 is a surname here
        "13812345678 tel",  # “t” is a unit (ton) only on its own
    ],
)
def test_mobile_numbers_in_their_usual_forms_are_found(text):
    assert found(text) == [("mobile_number", "medium")]


@pytest.mark.parametrize(
    "text",
    [
        "全市一般公共预算收入13812345678元",
        "实现营业收入 13812345678 万元",
        "金融机构存款余额13812345678亿元",
        "常住人口13812345678人",
        "货物运输量13912345678吨",
        "13912345678%",
        "13912345678％",
        "涉及13912345678户",
        "13912345678个",
        "13912345678人次",
        "１３８１２３４５６７８元",
        "13812345678（万元）",
        "13812345678 t",
        "9.17033514892",  # the decimals of a share (real 三次产业构成 data)
        "¥13812345678",
        "金额：13812345678",
    ],
)
def test_figures_with_units_are_not_phone_numbers(text):
    assert found(text) == []


def test_statistical_xlsx_cells_are_figures_but_a_phone_column_stays_phones():
    stats = b.xlsx(
        [
            ["地区", "地区生产总值（万元）", "常住人口"],
            ["鼓楼区", 13812345678, 689000],
            ["台江区", 9876543, 13912345678],
        ]
    )
    assert file_findings("统计表.xlsx", stats) == []
    by_year = b.xlsx([["指标", 2022, 2023], ["一般公共预算收入", 12345678901, 13812345678]])
    assert file_findings("年度.xlsx", by_year) == []
    with_unit_row = b.xlsx([["单位：万元"], ["地区", "产值"], ["鼓楼区", 13812345678]])
    assert file_findings("单位.xlsx", with_unit_row) == []
    one_year = b.xlsx([["地区", "2023年"], ["鼓楼区", 13812345678]])
    assert file_findings("一年.xlsx", one_year) == []
    contacts = b.xlsx([["姓名", "联系电话"], ["张三", "13812345678"], ["李四", 13912345678]])
    assert file_findings("名单.xlsx", contacts) == [
        ("mobile_number", "附件《名单.xlsx》工作表“Sheet1” 第2行 B列"),
        ("mobile_number", "附件《名单.xlsx》工作表“Sheet1” 第3行 B列"),
    ]


def test_statistical_csv_cells_are_figures_but_a_phone_column_stays_phones():
    stats = "地区,常住人口,地区生产总值\n鼓楼区,13812345678,1234.5\n台江区,456789,987.6\n"
    assert file_findings("人口.csv", stats.encode()) == []
    assert file_findings("人口.csv", stats.encode("gb18030")) == []
    assert file_findings("一行.csv", "鼓楼区,13812345678,123.4,5.6%\n".encode()) == []  # a row of statistics
    people = "张三,1990年5月,13812345678,35\n"  # name, born, mobile, age: no header, still a phone
    assert file_findings("人员.csv", people.encode()) == [("mobile_number", "附件《人员.csv》第1行 C列")]
    contacts = "姓名,手机\n张三,13812345678\n"
    assert file_findings("名单.csv", contacts.encode()) == [("mobile_number", "附件《名单.csv》第2行 B列")]


def test_statistical_html_table_cells_are_figures_and_text_around_them_is_still_read():
    html = (
        "<p>2024年全市经济运行情况</p><table><tr><th>地区</th><th>产值（亿元）</th></tr>"
        "<tr><td>鼓楼区</td><td>13812345678</td></tr></table><p>联系人手机13912345678</p>"
    )
    assert file_findings("公报.html", html.encode()) == [("mobile_number", "附件《公报.html》 第2行")]
    contacts = "<table><tr><th>姓名</th><th>手机</th></tr><tr><td>张三</td><td>13812345678</td></tr></table>"
    assert file_findings("名单.html", contacts.encode()) == [
        ("mobile_number", "附件《名单.html》表1第2行第2列")
    ]


def test_statistical_docx_table_cells_are_figures():
    data = b.docx(["全市住户情况"], table=[["地区", "户数"], ["鼓楼区", "13812345678"], ["台江区", "1234"]])
    assert file_findings("住户.docx", data) == []


def test_tab_separated_rows_in_a_body_are_read_as_a_table():
    assert found("地区\t常住人口\n鼓楼区\t13812345678\n台江区\t456789") == []
    assert found("姓名\t手机\n张三\t13812345678") == [("mobile_number", "medium")]


def test_html_to_text_keeps_table_cells_apart_so_a_body_table_is_still_a_table():
    html = "<table><tr><th>地区</th><th>产值（亿元）</th></tr><tr><td>鼓楼区</td><td>13812345678</td></tr></table>"
    assert html_to_text(html) == "地区\t产值（亿元）\n鼓楼区\t13812345678"
    assert found(html_to_text(html)) == []
    assert [s.label for s in html_sources("正文", "<p>前言</p>" + html)] == [
        "正文",
        "正文表1第1行第1列",
        "正文表1第1行第2列",
        "正文表1第2行第1列",
        "正文表1第2行第2列",
    ]


def test_a_row_of_figures_extracted_from_a_pdf_table_is_not_a_phone():
    assert found("鼓楼区 13812345678 1234.5 6.8%") == []
    assert found("张三 13812345678 35") == [("mobile_number", "medium")]  # name, phone, age
    data = b.pdf(["District GDP", "Gulou 13812345678 1234.5 6.8%"])
    assert file_findings("gongbao.pdf", data) == []


# --- item 20: other personal data ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind, severity",
    [
        ("护照号码：E12345678", "passport", "high"),
        ("Passport No. EA1234567", "passport", "high"),
        ("持有 G12345678 号护照", "passport", "medium"),  # the word comes after the number
        ("公务护照 SE1234567", "passport", "high"),
        ("往来港澳通行证号码：C12345678", "hk_macao_permit", "high"),
        ("港澳通行证 CA1234567", "hk_macao_permit", "high"),
        ("港澳居民来往内地通行证 H0123456700", "hk_macao_permit", "high"),
        ("回乡证M12345678", "hk_macao_permit", "high"),
        ("证件号 C８７６５４３２１", "hk_macao_permit", "high"),
        ("台胞证号码：01234567", "taiwan_permit", "high"),
        ("台湾居民来往大陆通行证 1234567890(B)", "taiwan_permit", "high"),
        ("大陆居民往来台湾通行证：L12345678", "taiwan_permit", "high"),
        ("车牌号闽A12345", "vehicle_plate", "medium"),
        ("号牌为闽A·D12345的小型汽车", "vehicle_plate", "medium"),  # new energy, small
        ("粤B12345D", "vehicle_plate", "medium"),  # new energy, large
        ("京A1234警", "vehicle_plate", "medium"),
        ("川Ａ１２３４５", "vehicle_plate", "medium"),  # full width
        ("邮箱：zhangsan1990@qq.com", "personal_email", "medium"),
        ("联系邮箱 123456789@QQ.COM", "personal_email", "medium"),
        ("wangxiaoming@163.com", "personal_email", "medium"),
        ("欢迎来信 li.ming@example.com.cn", "personal_email", "medium"),
        ("张三 0591-87654321", "home_landline", "medium"),
        ("户主李四，住宅电话：0591-8765 4321", "home_landline", "medium"),
        ("家庭电话（０５９１）８７６５４３２１", "home_landline", "medium"),
        ("欧阳明明（010）62345678", "home_landline", "medium"),
        ("张三的电话是0591-87654321", "home_landline", "medium"),
        ("王五家电话：021-62345678", "home_landline", "medium"),
        ("0591-87654321（张三）", "home_landline", "medium"),  # the name after the number
        ("0591-87654321（住宅）", "home_landline", "medium"),
        ("张三 (0591) 8765-4321", "home_landline", "medium"),
    ],
)
def test_other_personal_data_is_found(text, kind, severity):
    assert found(text) == [(kind, severity)]


@pytest.mark.parametrize(
    "text",
    [
        "型号 E1234567",  # seven digits: not a passport number
        "型号E12345678",  # a code glued to its word
        "国药准字H20230001",  # a drug approval number, not a 回乡证
        "E00000000",
        "产品编码 X12345678",
        "批次 12345678",  # eight digits without the name of the Taiwan permit
        "创新A12345项目",  # 新 ends the word 创新, not a plate
        "北京A12345",
        "闽AB1CD2",  # more letters than a serial has
        "联系邮箱：tjj@fuzhou.gov.cn",
        "xxgk@fzstats.org",
        "info@example.com",
        "请发送至 kefu@company.cn",
        "咨询电话：0591-87654321",
        "福州市统计局 0591-87654321",
        "联系人：林女士，联系电话：0591-87654321",
        "和平路 0591-87654321",
        "传真 0591-87654321",
        "台胞证有效期至20301231",  # a date, not the permit number
        "张三 87654321",  # no area code
        "0591-87654321 鼓楼区",
        "0591-87654321（咨询）",
    ],
)
def test_look_alikes_of_personal_data_are_not_reported(text):
    assert found(text) == []


def test_the_agencys_own_domain_is_institutional():
    assert found("林一@fzstats.cn zhangsan@fzstats.cn") == [("personal_email", "medium")]
    assert found("zhangsan@fzstats.cn", own_domains=["fzstats.cn"]) == []
    assert found("zhangsan@mail.fzstats.cn", own_domains=["@FZSTATS.CN"]) == []


def test_new_kinds_have_chinese_labels_and_excerpts_are_masked():
    for kind in (
        "passport",
        "hk_macao_permit",
        "taiwan_permit",
        "personal_email",
        "vehicle_plate",
        "home_landline",
    ):
        assert kind in PERSONAL_KINDS and KIND_LABELS[kind]
    excerpts = [
        f.excerpt
        for f in scan([Source("正文", "护照E12345678 邮箱zhangsan@qq.com 车牌闽A12345 张三 0591-87654321")])
    ]
    assert excerpts[0] == "护照E1*****78 邮箱zh*******…"
    joined = " ".join(excerpts)
    for secret in ("E12345678", "zhangsan", "闽A12345", "87654321"):
        assert secret not in joined


def test_mask_personal_data_masks_every_personal_kind_and_leaves_the_rest():
    text = (
        "张三，身份证１１０１０５１９４９１２３１００２Ｘ，手机138 0013 8000，邮箱zhangsan@qq.com，"
        "护照E12345678，车牌闽A12345\n李四 0591-87654321；咨询电话 0591-12345678；GDP 13812345678元"
    )
    masked, kinds = mask_personal_data(text)
    assert masked == (
        "张三，身份证110105********002X，手机138****8000，邮箱z******n@qq.com，"
        "护照E1*****78，车牌闽A***45\n李四 0591-****4321；咨询电话 0591-12345678；GDP 13812345678元"
    )
    assert kinds == [
        "home_landline",
        "mobile_number",
        "passport",
        "personal_email",
        "resident_id",
        "vehicle_plate",
    ]
    assert mask_personal_data("没有个人信息") == ("没有个人信息", [])
