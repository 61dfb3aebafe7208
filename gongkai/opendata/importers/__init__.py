"""Importers for statistical tables: pure parsers, and `run_import` that writes all or nothing.

Each parser turns one source file into a `ParsedDataset` (no ORM): its dimensions, code lists,
indicators (with unit and decimals) and cells. A cell that cannot be read becomes a `LineError`
naming the line and column; any error means nothing is written. `run_import` is the single service
behind the `gongkai import data` command and the office upload.

Kinds:
- `census`: the Fujian county census tables (2020 and 2010 layouts) → dataset `census-fujian`
  (INDICATOR × AREA × SEX × AGE, periods 2010 / 2020).
- `nbs_annual`: one CSV, a folder of CSVs or the .tgz of the NBS annual indicator tree
  (rows "1978年", one column per indicator) → one dataset per CSV.
- `cpi_ppi`: the monthly CPI/PPI file (group, indicator_code, indicator_name, month, value).
- `easyquery`: a raw NBS data-query JSON (hasdata=false → missing, dotcount → decimals,
  quarter codes 2019A-D → 2019-Q1..Q4).
- `long`: the generic upload format, CSV or XLSX, one row per cell:
  indicator, area, period, value [, status, respondents, <other dimension codes>...].

One module per source; callers import from here: `shape` (the parsed shape, numbers, codes),
`census`, `nbs_annual`, `cpi_ppi`, `easyquery`, `long_format` (the office upload, with its bounds)
and `dispatch` (`parse_path`, `run_import`).
"""

from .census import (
    AGE_BANDS,
    AREA_NAME_FIXES,
    CENSUS_INDICATORS,
    CENSUS_SOURCE,
    SEX_CODES,
    fix_area_name,
    parse_census,
)
from .cpi_ppi import parse_cpi_ppi
from .dispatch import KINDS, PARSERS, parse_path, run_import
from .easyquery import QUARTERS, easyquery_period, parse_easyquery
from .long_format import MAX_READ_SECONDS, MAX_UPLOAD_COLUMNS, MAX_UPLOAD_ROWS, parse_long, read_table
from .nbs_annual import KNOWN_ANNUAL, NBS_ANNUAL_SOURCE, SPECIAL_UNITS, iter_nbs_tree, parse_nbs_annual_csv
from .shape import (
    NATIONAL_AREA,
    STATUS_WORDS,
    LineError,
    ParsedCell,
    ParsedDataset,
    ParsedDimension,
    ParsedIndicator,
    parse_number,
)

__all__ = [
    "LineError",
    "NATIONAL_AREA",
    "ParsedCell",
    "ParsedDataset",
    "ParsedDimension",
    "ParsedIndicator",
    "STATUS_WORDS",
    "parse_number",
    "AGE_BANDS",
    "AREA_NAME_FIXES",
    "CENSUS_INDICATORS",
    "CENSUS_SOURCE",
    "SEX_CODES",
    "fix_area_name",
    "parse_census",
    "KNOWN_ANNUAL",
    "NBS_ANNUAL_SOURCE",
    "SPECIAL_UNITS",
    "iter_nbs_tree",
    "parse_nbs_annual_csv",
    "parse_cpi_ppi",
    "QUARTERS",
    "easyquery_period",
    "parse_easyquery",
    "MAX_READ_SECONDS",
    "MAX_UPLOAD_COLUMNS",
    "MAX_UPLOAD_ROWS",
    "parse_long",
    "read_table",
    "KINDS",
    "PARSERS",
    "parse_path",
    "run_import",
]
