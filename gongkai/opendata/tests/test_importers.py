from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.accounts.guard import SYSTEM
from gongkai.opendata import importers
from gongkai.opendata.models import Dataset, Observation, Series
from gongkai.opendata.services import ImportFailed

DATA = Path(__file__).resolve().parent.parent / "data"


def test_census_2020_parses_fuzhou_total_by_sex():
    parsed = importers.parse_path("census", DATA / "census_county_2020_fujian.csv")[0]
    assert parsed.errors == []
    cells = {(c.key, c.period): c.value for c in parsed.cells}
    assert cells[(("CEN_POP", "350100", "_T", "_T"), "2020")] == Decimal("8291268")
    assert cells[(("CEN_POP", "350102", "M", "_T"), "2020")] == Decimal("328155")
    assert cells[(("CEN_POP", "350112", "_T", "_T"), "2020")] is not None  # 长乐区 in 2020


def test_census_2010_layout_and_missing_is_not_zero():
    parsed = importers.parse_path("census", DATA / "census_county_2010_fujian.csv")[0]
    assert parsed.errors == []
    cells = {(c.key, c.period): c.value for c in parsed.cells}
    assert cells[(("CEN_POP", "350100", "_T", "_T"), "2010")] == Decimal("7115369.0")
    assert cells[(("CEN_RURAL", "350102", "_T", "_T"), "2010")] is None  # empty in the source: missing, not 0
    assert cells[(("CEN_POP", "350182", "_T", "_T"), "2010")] == Decimal("682626.0")  # 长乐市


def test_easyquery_quarters_dotcount_and_hasdata():
    gdp = importers.parse_path("easyquery", DATA / "nbs_easyquery" / "LAST_12_QUARTER_GDP_Y2Y.json")[0]
    assert gdp.frequency == "Q"
    assert {c.period for c in gdp.cells} >= {"2019-Q1", "2019-Q2", "2018-Q4"}
    assert gdp.indicators["A010301"].decimals == 1
    cpi = importers.parse_path("easyquery", DATA / "nbs_easyquery" / "LAST_13_MONTH_CPI_Y2Y.json")[0]
    missing = [c for c in cpi.cells if c.value is None]
    assert len(missing) == 9 and {c.period for c in missing} == {"2019-09"}  # hasdata=false → missing


def test_easyquery_period_codes():
    assert importers.easyquery_period("2019A") == ("2019-Q1", "Q")
    assert importers.easyquery_period("2019D") == ("2019-Q4", "Q")
    assert importers.easyquery_period("201909") == ("2019-09", "M")


def test_nbs_annual_folder_gives_five_datasets():
    parsed = importers.parse_path("nbs_annual", DATA / "nbs_annual")
    assert sorted(p.code for p in parsed) == [
        "nbs-food-cpi",
        "nbs-gdp",
        "nbs-gdp-structure",
        "nbs-population",
        "nbs-price-indices",
    ]
    population = next(p for p in parsed if p.code == "nbs-population")
    total = next(i for i in population.indicators.values() if i.name == "年末总人口")
    assert total.unit == "万人"
    assert {c.value for c in population.cells if c.key[0] == total.code and c.period == "1978"} == {
        Decimal("96259")
    }


@pytest.mark.django_db
def test_import_command_writes_versions(agency, capsys):
    from django.core.management import call_command

    call_command(
        "import",
        "data",
        "cpi_ppi",
        str(DATA / "nbs_monthly" / "cpi_ppi_monthly_2024-07_2025-07.csv"),
        verbosity=0,
    )
    dataset = Dataset.objects.get(code="nbs-cpi-ppi-monthly")
    assert Observation.objects.filter(dataset=dataset).count() == 208
    assert "新增 208" in capsys.readouterr().out
    # The same file again changes nothing and creates no version.
    call_command(
        "import",
        "data",
        "cpi_ppi",
        str(DATA / "nbs_monthly" / "cpi_ppi_monthly_2024-07_2025-07.csv"),
        verbosity=0,
    )
    assert dataset.versions.count() == 1


@pytest.mark.django_db
def test_line_level_error_commits_nothing(agency, tmp_path):
    good = (
        (DATA / "nbs_monthly" / "cpi_ppi_monthly_2024-07_2025-07.csv")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    good[5] = good[5].rsplit(",", 1)[0] + ",九十七"
    bad = tmp_path / "cpi.csv"
    bad.write_text("\n".join(good), encoding="utf-8")
    with pytest.raises(ImportFailed) as info:
        importers.run_import("cpi_ppi", bad, actor=SYSTEM, agency=agency)
    assert [(e.line, e.column) for e in info.value.errors] == [(6, "value")]
    assert "第 6 行“value”列" in info.value.message
    assert Dataset.objects.count() == 0 and Series.objects.count() == 0 and Observation.objects.count() == 0
