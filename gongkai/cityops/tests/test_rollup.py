"""Issue 18 item 9 — must show: an uploaded table whose rows do not add up is refused naming the cell;
a balanced one is accepted and appears in the city summary (page and XLSX); typed tables are checked
the same way; agencies with a published report are read from its snapshot; missing and late shown."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from gongkai.annual_reports.models import AnnualReport
from gongkai.cityops import selectors, services, xlsx
from gongkai.cityops import tables as T
from gongkai.cityops.models import TableSubmission
from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed

SH = ZoneInfo("Asia/Shanghai")
YEAR = 2025


def balanced() -> dict:
    tables = T.empty()
    tables["table2"].update(
        {"normative.issued": 3, "normative.in_force": 40, "licensing": 120, "fees": "2.5"}
    )
    t3 = tables["table3"]
    t3["new"].update(natural_person=10, commercial=2, total=12)
    t3["carried_in"].update(natural_person=1, total=1)
    t3["1"].update(natural_person=6, commercial=1, total=7)
    t3["4.1"].update(natural_person=3, total=3)
    t3["4"].update(natural_person=3, total=3)
    t3["7"].update(natural_person=9, commercial=1, total=10)
    t3["carried_out"].update(natural_person=2, commercial=1, total=3)
    tables["table4"]["review"].update(upheld=1, pending=1, total=2)
    return tables


def workbook_bytes(tables: dict, edit=None) -> bytes:
    data = xlsx.build(tables)
    if edit is None:
        return data
    book = load_workbook(io.BytesIO(data))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_template_round_trips_through_the_bounded_reader():
    assert xlsx.parse(xlsx.build(), "t.xlsx") == T.empty()
    assert xlsx.parse(xlsx.build(balanced()), "t.xlsx") == balanced()


def test_upload_with_a_table_four_total_not_the_sum_is_refused_naming_the_cell(agency, city_user, city_today):
    city_today(date(2026, 3, 1))

    def wrong_total(book):
        book["表四"]["E4"] = 5  # 行政复议 总计: the parts add up to 2

    data = workbook_bytes(balanced(), wrong_total)
    with pytest.raises(ValidationFailed) as refused:
        services.upload_tables(actor=city_user, agency=agency, year=YEAR, data=data, file_name="t.xlsx")
    assert "工作表“表四”单元格 E4" in refused.value.message
    assert "“行政复议”行“总计”列应为 2，实为 5" in refused.value.message
    assert not TableSubmission.objects.exists()


def test_upload_with_a_table_three_row_that_does_not_add_up_is_refused_naming_the_cell(
    agency, city_user, city_today
):
    city_today(date(2026, 3, 1))

    def wrong_sum(book):
        book["表三"]["H4"] = 13  # 本年新收 总计: the six columns add up to 12

    with pytest.raises(ValidationFailed) as refused:
        services.upload_tables(
            actor=city_user,
            agency=agency,
            year=YEAR,
            data=workbook_bytes(balanced(), wrong_sum),
            file_name="t.xlsx",
        )
    assert "工作表“表三”单元格" in refused.value.message and "应为" in refused.value.message
    assert not TableSubmission.objects.exists()


def test_a_cell_that_is_not_a_count_is_refused_naming_it(agency, city_user, city_today):
    city_today(date(2026, 3, 1))

    def text(book):
        book["表二"]["B8"] = "一百二十"

    with pytest.raises(ValidationFailed, match="工作表“表二”单元格 B8（表二“行政许可”行“本年处理决定数量”）"):
        services.upload_tables(
            actor=city_user,
            agency=agency,
            year=YEAR,
            data=workbook_bytes(balanced(), text),
            file_name="t.xlsx",
        )


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "t.xlsx", "文件是空的"),
        (b"not a spreadsheet", "t.xlsx", "请上传 Excel"),
        (b"PK\x03\x04garbage", "t.xlsx", "无法读取"),
    ],
)
def test_unreadable_files_are_refused_in_chinese(data, name, message):
    with pytest.raises(ValidationFailed, match=message):
        xlsx.parse(data, name)


def test_a_workbook_without_the_template_sheets_is_refused():
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    with pytest.raises(ValidationFailed, match="缺少工作表"):
        xlsx.parse(out.getvalue(), "x.xlsx")


def test_balanced_upload_is_accepted_and_appears_in_the_city_summary(
    client, agency, other_agency, city_user, city_agency, city_today
):
    city_today(date(2026, 3, 1))
    client.force_login(city_user)
    upload = SimpleUploadedFile("stats.xlsx", xlsx.build(balanced()))
    response = client.post(
        f"/office/city/annual-reports/{YEAR}/{agency.code}/", {"mode": "upload", "file": upload}
    )
    assert response.status_code == 302
    submission = TableSubmission.objects.get()
    assert submission.source == "upload" and submission.submitted_on == date(2026, 3, 1)
    # Another agency's report, published on the platform on time.
    snapshot_tables = balanced()
    AnnualReport.objects.create(
        agency=other_agency,
        year=YEAR,
        status="published",
        published_at=datetime(2026, 1, 20, 10, tzinfo=SH),
        snapshot=snapshot_of(snapshot_tables),
    )
    total, lines = selectors.city_summary(YEAR)
    assert total["table3"]["new"]["total"] == 24 and total["table4"]["review"]["total"] == 4
    assert total["table2"]["fees"] == "5" and total["table2"]["licensing"] == 240
    states = {line.agency: line.state for line in lines}
    assert (
        states[agency] == "late"
        and states[other_agency] == "on_time"
        and states[city_agency] == "missing_late"
    )
    page = client.get(f"/office/city/annual-reports/?year={YEAR}").content.decode()
    assert "逾期报送" in page and "未报送（已逾期）" in page and "上传 XLSX 模板" in page and ">24<" in page
    exported = client.get(f"/office/city/annual-reports/{YEAR}.xlsx")
    assert exported.status_code == 200
    book = load_workbook(io.BytesIO(exported.content))
    assert book["表三"]["H4"].value == 24 and book["表四"]["E4"].value == 4
    assert [row[0].value for row in book["报送情况"].iter_rows(min_row=2)] == [
        line.agency.name for line in lines
    ]


def snapshot_of(tables: dict) -> dict:
    t2 = tables["table2"]
    return {
        "year": YEAR,
        "table2": {
            "rules": {c: t2[f"rules.{c}"] for c in ("issued", "repealed", "in_force")},
            "normative": {c: t2[f"normative.{c}"] for c in ("issued", "repealed", "in_force")},
            "licensing": t2["licensing"],
            "penalty": t2["penalty"],
            "coercion": t2["coercion"],
            "fees": t2["fees"],
        },
        "table3": {
            "columns": list(T.TABLE3_COLUMNS),
            "rows": [
                {"key": row.key, "values": [tables["table3"][row.key][c] for c in T.TABLE3_COLUMNS]}
                for row in T.TABLE3_VALUE_ROWS
            ]
            + [{"key": "results", "values": None}],
        },
        "table4": tables["table4"],
    }


def test_typed_tables_are_checked_the_same_way_and_the_error_is_beside_the_cell(
    client, agency, city_user, city_today
):
    city_today(date(2026, 1, 10))
    client.force_login(city_user)
    fields = {T.field_name(key): 0 for key in T.CELLS}
    fields[T.field_name(("table4", "suit_direct", "upheld"))] = 1  # total stays 0
    response = client.post(f"/office/city/annual-reports/{YEAR}/{agency.code}/", {"mode": "typed", **fields})
    assert response.status_code == 400
    body = response.content.decode()
    assert "表四“未经复议直接起诉”“总计”" in body and "应为 1，实为 0" in body
    assert 'value="1"' in body  # what was typed is kept
    fields[T.field_name(("table4", "suit_direct", "total"))] = 1
    assert (
        client.post(
            f"/office/city/annual-reports/{YEAR}/{agency.code}/", {"mode": "typed", **fields}
        ).status_code
        == 302
    )
    submission = TableSubmission.objects.get()
    assert submission.source == "typed" and submission.submitted_on == date(2026, 1, 10)
    assert selectors.returns(YEAR, today=date(2026, 2, 5))[1].state in ("on_time",)


def test_an_agency_with_a_published_report_does_not_submit_and_only_the_city_office_may(
    agency, city_user, make_user, city_today
):
    from gongkai.accounts.roles import Role

    city_today(date(2026, 3, 1))
    with pytest.raises(PermissionDenied):
        services.submit_tables(
            actor=make_user(Role.OPENNESS_OFFICE), agency=agency, year=YEAR, tables=balanced(), source="typed"
        )
    AnnualReport.objects.create(
        agency=agency,
        year=YEAR,
        status="published",
        published_at=datetime(2026, 1, 5, tzinfo=SH),
        snapshot={},
    )
    with pytest.raises(InvalidTransition, match="已在本平台发布"):
        services.submit_tables(actor=city_user, agency=agency, year=YEAR, tables=balanced(), source="typed")
    with pytest.raises(ValidationFailed, match="尚未结束"):
        services.submit_tables(actor=city_user, agency=agency, year=2026, tables=balanced(), source="typed")


def test_missing_before_the_due_date_is_not_late(agency):
    lines = selectors.returns(YEAR, today=date(2026, 1, 20))
    assert {line.state for line in lines} == {"missing"}
    assert {line.state for line in selectors.returns(YEAR, today=date(2026, 2, 1))} == {"missing_late"}
