"""The streaming long-format import (bulk_import): chunked reading, staging, all or nothing, line errors."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.accounts.guard import SYSTEM
from gongkai.opendata import bulk_import
from gongkai.opendata.models import Code, Dataset, DatasetVersion, Observation
from gongkai.opendata.services import ImportFailed

pytestmark = pytest.mark.django_db(transaction=True)

UPLOAD = "indicator,area,period,value,status\nINC,350102,2024,62000,\nINC,350102,2023,60100,修订\nINC,350103,2025,57000,初步\n"


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(bulk_import, "CHUNK", 2)  # every test file spans several chunks


def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


def test_a_file_read_in_chunks_gives_the_upload_diff(published, tmp_path):
    dataset = Dataset.objects.get(code="test-income")
    result = bulk_import.import_long(write(tmp_path, UPLOAD), dataset=dataset, actor=SYSTEM, note="年报修订")
    assert (result.new, result.revised, result.unchanged) == (1, 1, 1)
    assert result.version.number == 2 and result.version.note == "年报修订"
    assert result.version.periods == ["2023", "2025"]
    assert sorted(
        Observation.objects.filter(version=result.version).values_list("period", "status", "value")
    ) == [
        ("2023", "R", Decimal("60100")),
        ("2025", "P", Decimal("57000")),
    ]


def test_nothing_new_makes_no_version(published, tmp_path):
    dataset = Dataset.objects.get(code="test-income")
    result = bulk_import.import_long(
        write(tmp_path, "indicator,area,period,value\nINC,350102,2024,62000.000\n"),
        dataset=dataset,
        actor=SYSTEM,
    )
    assert result.version is None and result.unchanged == 1
    assert DatasetVersion.objects.filter(dataset=dataset).count() == 1


def test_a_bad_line_in_a_later_chunk_writes_nothing_and_names_its_line(published, tmp_path):
    dataset = Dataset.objects.get(code="test-income")
    text = UPLOAD + "INC,350103,2026,abc,\nINC,350103,2027,1,\n"
    with pytest.raises(ImportFailed) as caught:
        bulk_import.import_long(write(tmp_path, text), dataset=dataset, actor=SYSTEM)
    assert [str(e) for e in caught.value.errors] == ["第 5 行“value”列：“abc”不是有效的数值"]
    assert Observation.objects.count() == 5 and DatasetVersion.objects.count() == 1


def test_a_duplicate_across_chunks_is_refused_with_both_lines(published, tmp_path):
    dataset = Dataset.objects.get(code="test-income")
    text = UPLOAD + "INC,350103,2026,1,\nINC,350102,2024,62001,\n"
    with pytest.raises(ImportFailed) as caught:
        bulk_import.import_long(write(tmp_path, text), dataset=dataset, actor=SYSTEM)
    assert [str(e) for e in caught.value.errors] == ["第 6 行：与第 2 行重复（同一指标、地区和时期）"]
    assert Observation.objects.count() == 5 and DatasetVersion.objects.count() == 1


def test_xlsx_is_read_row_by_row_and_new_codes_are_added(published, tmp_path):
    from openpyxl import Workbook

    dataset = Dataset.objects.get(code="test-income")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["indicator", "area", "area_name", "period", "value"])
    sheet.append(["INC", "350104", "仓山区", 2025, 58000.5])
    sheet.append(["INC", "350102", "", 2025, 63000])
    sheet.append(["EXP", "350104", "仓山区", 2025, None])
    path = tmp_path / "data.xlsx"
    workbook.save(path)
    result = bulk_import.import_long(path, dataset=dataset, actor=SYSTEM)
    assert (result.new, result.revised, result.unchanged) == (3, 0, 0)
    assert Code.objects.get(code="350104").name == "仓山区"
    assert sorted(Observation.objects.filter(version=result.version).values_list("series__key", "value")) == [
        ("EXP.350104", None),
        ("INC.350102", Decimal("63000")),
        ("INC.350104", Decimal("58000.5")),
    ]


def test_a_missing_column_is_refused_before_anything_is_read(published, tmp_path):
    dataset = Dataset.objects.get(code="test-income")
    with pytest.raises(ImportFailed) as caught:
        bulk_import.import_long(
            write(tmp_path, "indicator,area,value\nINC,350102,1\n"), dataset=dataset, actor=SYSTEM
        )
    assert "表头缺少“period”列" in caught.value.message


def test_the_command_imports_a_long_file(published, tmp_path):
    out = StringIO()
    call_command(
        "import", "data", "long", str(write(tmp_path, UPLOAD)), "--dataset", "test-income", stdout=out
    )
    assert "test-income: 新增 1，修订 1，未变 1（版本 2" in out.getvalue()
    with pytest.raises(CommandError, match="需要 --dataset"):
        call_command("import", "data", "long", str(write(tmp_path, UPLOAD)))
    bad = write(tmp_path, "indicator,area,period,value\nINC,350102,2030,x\n", name="bad.csv")
    with pytest.raises(CommandError, match="导入失败，未写入任何数据"):
        call_command("import", "data", "long", str(bad), "--dataset", "test-income", stderr=StringIO())
