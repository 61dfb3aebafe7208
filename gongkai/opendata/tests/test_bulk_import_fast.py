"""The streamed import's fast path (issue 19 item 4, ADR 0054): rows read without parse_long, cells of a
new dataset written straight into the observation table, and the same errors and all-or-nothing."""

import csv
from decimal import Decimal

import pytest

from gongkai.accounts.guard import SYSTEM
from gongkai.opendata import bulk_import, services
from gongkai.opendata.importers import parse_long
from gongkai.opendata.models import Dataset, DatasetVersion, Observation, Series
from gongkai.opendata.services import ImportFailed

from .conftest import small_dataset

pytestmark = pytest.mark.django_db(transaction=True)

AREAS = ["350102", "350103"]


@pytest.fixture
def empty(agency):
    """A dataset with its dimensions, codes and indicators and no observation yet."""
    services.write_parsed([small_dataset([], code="fresh")], actor=SYSTEM, agency=agency)
    return Dataset.objects.get(code="fresh")


def big_file(tmp_path, *, years=range(1900, 2300), bad=None):
    """INC and EXP × two areas × `years`: 1,600 rows; `bad` = {line: row text} replaces those lines."""
    lines = ["indicator,area,period,value"]
    lines += [
        f"{i},{a},{y},{(y * 7 + len(a)) % 1000}.5" for i in ("INC", "EXP") for a in AREAS for y in years
    ]
    for line, text in (bad or {}).items():
        lines[line - 1] = text
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def nothing_written(dataset):
    return (
        not Observation.objects.filter(dataset=dataset).exists()
        and not DatasetVersion.objects.filter(dataset=dataset, number__gt=1).exists()
        and not Series.objects.filter(dataset=dataset).exists()
    )


def test_a_new_dataset_takes_a_big_file_in_chunks(empty, tmp_path, monkeypatch):
    monkeypatch.setattr(bulk_import, "CHUNK", 300)
    result = bulk_import.import_long(big_file(tmp_path), dataset=empty, actor=SYSTEM)
    assert (result.new, result.revised, result.unchanged) == (1600, 0, 0)
    assert result.version.periods == [str(y) for y in range(1900, 2300)]
    assert Series.objects.filter(dataset=empty).count() == 4
    assert Observation.objects.get(series__key="EXP.350103", period="2024").value == Decimal("174.5")


@pytest.mark.parametrize("fresh", [True, False])
def test_a_malformed_line_deep_in_a_big_file_is_named_and_nothing_is_written(
    empty, tmp_path, monkeypatch, fresh
):
    monkeypatch.setattr(bulk_import, "CHUNK", 300)
    if not fresh:  # a first version, then the bad file as a revision
        bulk_import.import_long(big_file(tmp_path, years=range(1900, 1901)), dataset=empty, actor=SYSTEM)
    before = Observation.objects.count(), DatasetVersion.objects.count(), Series.objects.count()
    path = big_file(tmp_path, bad={1377: "EXP,350102,2075,12O.5", 1501: "EXP,350103,2024-13,1"})
    with pytest.raises(ImportFailed) as caught:
        bulk_import.import_long(path, dataset=empty, actor=SYSTEM)
    assert [str(e) for e in caught.value.errors] == [
        "第 1377 行“value”列：“12O.5”不是有效的数值",
        "第 1501 行“period”列：“2024-13”不是有效的时期（2024、2024-Q1、2024-07）",
    ]
    assert (Observation.objects.count(), DatasetVersion.objects.count(), Series.objects.count()) == before
    if fresh:
        assert nothing_written(empty)


def test_a_duplicate_in_a_new_dataset_names_both_lines_and_writes_nothing(empty, tmp_path, monkeypatch):
    """The unique constraint stops the direct insert; the import runs again through the staging table,
    which names the lines."""
    monkeypatch.setattr(bulk_import, "CHUNK", 300)
    path = big_file(tmp_path, bad={1450: "INC,350102,1900,1"})
    with pytest.raises(ImportFailed) as caught:
        bulk_import.import_long(path, dataset=empty, actor=SYSTEM)
    assert [str(e) for e in caught.value.errors] == ["第 1450 行：与第 2 行重复（同一指标、地区和时期）"]
    assert nothing_written(empty)


def test_rows_off_the_fast_path_give_the_cells_parse_long_gives(empty, tmp_path, monkeypatch):
    """Spaces, thousands separators, missing markers, status words and respondents go through
    parse_long; the written cells are the ones it reads."""
    monkeypatch.setattr(bulk_import, "CHUNK", 3)
    text = (
        "indicator,area,period,value,status,respondents\n"
        "INC,350102,2020,100,,12\n"
        "INC,350102, 2021 , 1,234.5 ,初步,\n"
        "INC,350102,2022,…,P,\n"
        " INC ,350103,2022,-0.25,修订,7\n"
        "\n"
        "EXP,350103,2023-Q2,007,F,0\n"
        "EXP,350103,2023-07,,R,\n"
    ).replace(" 1,234.5 ", '" 1,234.5 "')
    path = tmp_path / "odd.csv"
    path.write_text(text, encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    expected = parse_long(rows, dataset_code="fresh", dimension_codes=["INDICATOR", "AREA"])
    assert not expected.errors
    result = bulk_import.import_long(path, dataset=empty, actor=SYSTEM)
    assert result.new == len(expected.cells) == 6
    written = Observation.objects.filter(version=result.version).values_list(
        "series__key", "period", "value", "status", "respondents"
    )
    assert sorted(written) == sorted(
        (".".join(c.key), c.period, c.value, c.status, c.respondents) for c in expected.cells
    )
    assert result.version.periods == sorted({c.period for c in expected.cells})


def clean_file(tmp_path, extra=None):
    """120 clean rows with status and respondents columns (missing values, status words, spaces around a
    period); `extra` = {line: row text} replaces those lines."""
    lines = ["indicator,area,period,value,status,respondents"]
    statuses = ["", "F", "初步", "修订", "P"]
    lines += [
        f"{i},{a},{' 2021 ' if y == 2021 else y},{'' if y % 7 == 0 else f'{y % 97}.25'},"
        f"{statuses[y % 5]},{'' if y % 3 else y % 11}"
        for i in ("INC", "EXP")
        for a in AREAS
        for y in range(2000, 2030)
    ]
    for line, text in (extra or {}).items():
        lines[line - 1] = text
    path = tmp_path / "clean.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, list(csv.reader(lines))


@pytest.fixture
def row_reads(monkeypatch):
    """The chunks read row by row (off the column-at-a-time path)."""
    from gongkai.opendata.bulk_rows import RowReader

    calls = []
    read_rows = RowReader._rows

    def spy(self, rows, first_line):
        calls.append(first_line)
        return read_rows(self, rows, first_line)

    monkeypatch.setattr(RowReader, "_rows", spy)
    return calls


@pytest.mark.parametrize("fresh", [True, False])
def test_clean_chunks_read_a_column_at_a_time_give_the_cells_parse_long_gives(
    empty, tmp_path, monkeypatch, row_reads, fresh
):
    monkeypatch.setattr(bulk_import, "CHUNK", 50)
    if not fresh:  # the staged path: an earlier version of a few cells, some of them changed now
        bulk_import.import_long(big_file(tmp_path, years=range(2000, 2002)), dataset=empty, actor=SYSTEM)
    path, rows = clean_file(tmp_path)
    expected = parse_long(rows, dataset_code="fresh", dimension_codes=["INDICATOR", "AREA"])
    assert not expected.errors
    result = bulk_import.import_long(path, dataset=empty, actor=SYSTEM)
    assert row_reads == []  # every chunk was read a column at a time
    assert result.new + result.revised + result.unchanged == len(expected.cells) == 120
    stored = {
        (key, period): (value, status, respondents)
        for key, period, value, status, respondents in Observation.objects.filter(
            dataset=empty, version__number=result.version.number
        ).values_list("series__key", "period", "value", "status", "respondents")
    }
    for cell in expected.cells:
        key = (".".join(cell.key), cell.period)
        if key in stored:  # unchanged cells are not written again
            value, status, respondents = stored[key]
            assert value == cell.value and respondents == cell.respondents
            assert status == cell.status or (status, cell.status) == ("R", "F")  # a revised final figure
    assert len(stored) == result.new + result.revised
    assert "2021" in result.version.periods and " 2021 " not in result.version.periods


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ('INC,350102,2005,"1\n2",F,', "第 7 行“value”列：“1\n2”不是有效的数值"),  # a newline inside a cell
        ("INC,350102,2005,1.5,F,-3", "第 7 行“respondents”列"),
    ],
)
def test_a_chunk_with_one_odd_row_is_read_row_by_row_and_the_line_named(
    empty, tmp_path, monkeypatch, row_reads, bad, message
):
    monkeypatch.setattr(bulk_import, "CHUNK", 50)
    path, _ = clean_file(tmp_path, extra={7: bad})
    with pytest.raises(ImportFailed) as caught:
        bulk_import.import_long(path, dataset=empty, actor=SYSTEM)
    assert [str(e)[: len(message)] for e in caught.value.errors] == [message]
    assert row_reads == [2]  # only the first chunk went row by row
    assert nothing_written(empty)


def test_full_width_digits_are_left_to_parse_long(empty, tmp_path, monkeypatch):
    """`１２` is a number to parse_long (12); the fast paths take ASCII digits only, never its text."""
    monkeypatch.setattr(bulk_import, "CHUNK", 50)
    path, _ = clean_file(tmp_path, extra={7: "INC,350102,2005,１２,F,"})
    result = bulk_import.import_long(path, dataset=empty, actor=SYSTEM)
    assert (
        Observation.objects.get(version=result.version, series__key="INC.350102", period="2005").value == 12
    )
