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
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import tarfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from gongkai.core.errors import ValidationFailed

NATIONAL_AREA = ("000000", "全国")
STATUS_WORDS = {"": "F", "F": "F", "最终": "F", "正式": "F", "P": "P", "初步": "P", "R": "R", "修订": "R"}


# --- the parsed shape ------------------------------------------------------------------------------
@dataclass
class ParsedIndicator:
    code: str
    name: str
    unit: str = ""
    decimals: int = 0
    meaning: str = ""
    scope: str = ""
    source: str = ""
    survey_method: str = ""


@dataclass
class ParsedDimension:
    code: str  # INDICATOR, AREA, SEX, AGE ...
    name: str
    role: str  # indicator | area | other
    codelist: str = ""  # CL_AREA ... ("" for the indicator dimension)


@dataclass(frozen=True)
class ParsedCell:
    key: tuple[str, ...]  # codes in dimension order, the indicator first
    period: str  # SDMX TIME_PERIOD: 2020, 2019-Q2, 2024-07
    value: Decimal | None  # None = missing, never 0
    status: str = "F"
    respondents: int | None = None
    line: int = 0


@dataclass(frozen=True)
class LineError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第 {self.line} 行" + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.message}"


@dataclass
class ParsedDataset:
    code: str
    title: str
    frequency: str  # A Q M I
    topic: str = "other"
    description: str = ""
    source: str = ""
    source_url: str = ""
    dimensions: list[ParsedDimension] = field(default_factory=list)
    codelists: dict[str, tuple[str, list[tuple[str, str, str]]]] = field(
        default_factory=dict
    )  # code -> (name, [(code, name, parent)])
    indicators: dict[str, ParsedIndicator] = field(default_factory=dict)
    cells: list[ParsedCell] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    # The office upload: names given in optional `<dimension>_name` columns, (dimension, code) → name.
    code_names: dict[tuple[str, str], str] = field(default_factory=dict)


def parse_number(text, *, line: int, column: str, errors: list[LineError]) -> Decimal | None:
    """'' / '…' / '-' → missing; '1,234.5' → Decimal; anything else is a line error."""
    if text is None:
        return None
    if isinstance(text, int | float | Decimal):
        return Decimal(str(text))
    cleaned = str(text).strip().replace(",", "")
    if cleaned in ("", "-", "—", "…", "...", "NA", "nan"):
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        errors.append(LineError(line, column, f"“{str(text)[:30]}”不是有效的数值"))
        return None
    if not value.is_finite():
        errors.append(LineError(line, column, "数值无效"))
        return None
    return value


def _decimals_of(values: Iterable[str], cap: int = 2) -> int:
    best = 0
    for text in values:
        if text and "." in text:
            best = max(best, len(text.strip().split(".", 1)[1]))
    return min(best, cap)


def _area_parent(code: str) -> str:
    if code == NATIONAL_AREA[0]:
        return ""
    if code.endswith("0000"):
        return NATIONAL_AREA[0]
    if code.endswith("00"):
        return code[:2] + "0000"
    return code[:4] + "00"


def _short_code(prefix: str, text: str) -> str:
    return prefix + hashlib.md5(text.encode("utf-8")).hexdigest()[:8].upper()


def _read_csv(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


# --- census ----------------------------------------------------------------------------------------
CENSUS_SOURCE = (
    "第六次、第七次全国人口普查分县资料（福建省），整理自开源项目 leiii/census @0ba0f1e（MIT 许可）；"
    "数据原始出处为国家统计局、福建省统计局人口普查资料。"
)
SEX_CODES = [("_T", "合计", ""), ("M", "男", "_T"), ("F", "女", "_T")]
AGE_BANDS = [
    ("Y0", "0岁"),
    ("Y1T4", "1-4岁"),
    ("Y5T9", "5-9岁"),
    ("Y10T14", "10-14岁"),
    ("Y15T19", "15-19岁"),
    ("Y20T24", "20-24岁"),
    ("Y25T29", "25-29岁"),
    ("Y30T34", "30-34岁"),
    ("Y35T39", "35-39岁"),
    ("Y40T44", "40-44岁"),
    ("Y45T49", "45-49岁"),
    ("Y50T54", "50-54岁"),
    ("Y55T59", "55-59岁"),
    ("Y60T64", "60-64岁"),
    ("Y65T69", "65-69岁"),
    ("Y70T74", "70-74岁"),
    ("Y75T79", "75-79岁"),
    ("Y80T84", "80-84岁"),
    ("Y85T", "85岁及以上"),
]
CENSUS_INDICATORS = {
    "POP": ParsedIndicator("CEN_POP", "常住人口", "人", 0, meaning="普查标准时点在本地区居住的人口。"),
    "URBAN": ParsedIndicator("CEN_URBAN", "城镇人口", "人", 0, meaning="居住在城镇范围内的全部常住人口。"),
    "RURAL": ParsedIndicator("CEN_RURAL", "乡村人口", "人", 0, meaning="除城镇人口以外的全部人口。"),
    "HH": ParsedIndicator("CEN_HH", "家庭户户数", "户", 0),
    "HHSIZE": ParsedIndicator("CEN_HHSIZE", "平均家庭户规模", "人/户", 2),
    "SHARE_0_14": ParsedIndicator("CEN_SH014", "0-14岁人口占比", "%", 2),
    "SHARE_15_64": ParsedIndicator("CEN_SH1564", "15-64岁人口占比", "%", 2),
    "SHARE_65": ParsedIndicator("CEN_SH65", "65岁及以上人口占比", "%", 2),
    "EDU": ParsedIndicator(
        "CEN_EDU", "平均受教育年限", "年", 2, meaning="6岁及以上人口平均接受学历教育的年数。"
    ),
}
# (indicator, sex, age) -> column name, for each layout
_C2020 = {
    ("POP", "_T", "_T"): "人口数_合计",
    ("POP", "M", "_T"): "人口数_男",
    ("POP", "F", "_T"): "人口数_女",
    ("URBAN", "_T", "_T"): "城镇人口",
    ("RURAL", "_T", "_T"): "乡村人口",
    ("HH", "_T", "_T"): "家庭户数",
    ("HHSIZE", "_T", "_T"): "户规模",
    ("SHARE_0_14", "_T", "_T"): "人口比重_0-14岁",
    ("SHARE_15_64", "_T", "_T"): "人口比重_15-64岁",
    ("SHARE_65", "_T", "_T"): "人口比重_65岁及以上",
    ("EDU", "_T", "_T"): "平均受教育年限_合计",
    ("EDU", "M", "_T"): "平均受教育年限_男",
    ("EDU", "F", "_T"): "平均受教育年限_女",
}
_C2010 = {
    ("POP", "_T", "_T"): "合计",
    ("POP", "M", "_T"): "男",
    ("POP", "F", "_T"): "女",
    ("URBAN", "_T", "_T"): "城镇人口",
    ("RURAL", "_T", "_T"): "乡村人口",
    ("HH", "_T", "_T"): "户数",
    ("HHSIZE", "_T", "_T"): "户规模（人/户）",
    ("SHARE_0_14", "_T", "_T"): "0-14岁（%）",
    ("SHARE_15_64", "_T", "_T"): "15-64岁（%）",
    ("SHARE_65", "_T", "_T"): "65岁及以上（%）",
    ("EDU", "_T", "_T"): "平均受教育年限（年）-合计",
    ("EDU", "M", "_T"): "平均受教育年限（年）-男",
    ("EDU", "F", "_T"): "平均受教育年限（年）-女",
}
_AGE_2020 = {"Y0": "0岁", "Y1T4": "1到4岁", "Y85T": "85岁以上"}
_AGE_2010 = {"Y85T": "85岁及以上"}


def _census_age_columns(layout: int) -> dict[tuple[str, str, str], str]:
    columns = {}
    for code, label in AGE_BANDS:
        for sex, sex_label in (("M", "男"), ("F", "女")):
            if layout == 2020:
                band = _AGE_2020.get(code, label.replace("-", "到"))
                columns[("POP", sex, code)] = f"{sex_label}_{band}"
            else:
                band = _AGE_2010.get(code, label)
                columns[("POP", sex, code)] = f"{band}（{sex_label}）"
    return columns


# Typos of the source tables, corrected on import (the files in data/ stay as published): the 2010
# table writes 邵武巿 with 巿 (U+5DFF, "fú"), which looks like 市 (U+5E02) but is another character, so
# the county would not be found by anyone searching 邵武市.
AREA_NAME_FIXES = {"\u5dff": "市"}


def fix_area_name(name: str) -> str:
    name = name.strip()
    for wrong, right in AREA_NAME_FIXES.items():
        name = name.replace(wrong, right)
    return name


def parse_census(data: bytes, *, name: str = "") -> ParsedDataset:
    rows = _read_csv(data)
    header = [h.replace("\n", "").strip() for h in rows[0]] if rows else []
    if header[:1] == ["区划代码"]:
        layout, code_col, name_col = 2020, 0, 3
        columns = {**_C2020, **_census_age_columns(2020)}
    elif header[:2] == ["地区", "区划代码"]:
        layout, code_col, name_col = 2010, 1, 0
        columns = {**_C2010, **_census_age_columns(2010)}
    else:
        raise ValidationFailed("无法识别的普查表格式：第一行应以“区划代码”或“地区,区划代码”开头。")
    # The 2010 table spells one header "45-49岁（女)" with a half-width bracket.
    header = [h.replace("（女)", "（女）") for h in header]
    index = {h: i for i, h in enumerate(header)}
    parsed = ParsedDataset(
        code="census-fujian",
        title="福建省人口普查分县数据（2010年、2020年）",
        frequency="I",
        topic="census",
        description="第六次（2010年）和第七次（2020年）全国人口普查福建省各县（市、区）主要数据：常住人口（分性别、年龄组）、"
        "城乡人口、家庭户、年龄构成和受教育程度。",
        source=CENSUS_SOURCE,
        dimensions=[
            ParsedDimension("INDICATOR", "指标", "indicator"),
            ParsedDimension("AREA", "地区", "area", "CL_AREA"),
            ParsedDimension("SEX", "性别", "other", "CL_SEX"),
            ParsedDimension("AGE", "年龄组", "other", "CL_AGE"),
        ],
    )
    missing = [c for c in columns.values() if c not in index]
    if missing:
        parsed.errors.append(LineError(1, missing[0], f"表头缺少 {len(missing)} 列"))
        return parsed
    parsed.indicators = {
        k: replace(v, source="国家统计局、福建省统计局人口普查资料", survey_method="全面调查（普查）")
        for k, v in CENSUS_INDICATORS.items()
    }
    areas: list[tuple[str, str, str]] = [(*NATIONAL_AREA, "")]
    period = str(layout)
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        raw_code = row[code_col].strip() if len(row) > code_col else ""
        match = re.fullmatch(r"(\d{6})(\.0+)?", raw_code)
        if not match:
            parsed.errors.append(LineError(line_no, header[code_col], f"“{raw_code}”不是 6 位行政区划代码"))
            continue
        area = match.group(1)
        area_name = fix_area_name(row[name_col])
        if layout == 2020 and row[2].strip() == row[3].strip() and area.endswith("00"):
            area_name = row[2].strip()
        areas.append((area, area_name, _area_parent(area)))
        for (ind_key, sex, age), column in columns.items():
            cell_text = row[index[column]] if index[column] < len(row) else ""
            value = parse_number(cell_text, line=line_no, column=column, errors=parsed.errors)
            parsed.cells.append(
                ParsedCell((CENSUS_INDICATORS[ind_key].code, area, sex, age), period, value, line=line_no)
            )
    parsed.codelists = {
        "CL_AREA": ("行政区划（GB/T 2260）", _unique(areas)),
        "CL_SEX": ("性别", SEX_CODES),
        "CL_AGE": ("年龄组", [("_T", "合计", ""), *[(c, n, "_T") for c, n in AGE_BANDS]]),
    }
    parsed.indicators = {i.code: i for i in parsed.indicators.values()}
    return parsed


def _unique(codes: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    seen: dict[str, tuple[str, str, str]] = {}
    for code in codes:
        seen.setdefault(code[0], code)
    return list(seen.values())


# --- NBS annual tree ---------------------------------------------------------------------------------
NBS_ANNUAL_SOURCE = "国家统计局年度数据（1978—2014年），整理自开源项目 yiyuezhuo/National-Data @60fd721。"
KNOWN_ANNUAL = {
    "国内生产总值": ("nbs-gdp", "国内生产总值（全国，1978—2014年）", "economy", "亿元", 1),
    "三次产业构成": ("nbs-gdp-structure", "三次产业构成（全国，1978—2014年）", "economy", "%", 1),
    "总人口": ("nbs-population", "总人口（全国，1978—2014年）", "population", "万人", 0),
    "各种价格指数": ("nbs-price-indices", "各种价格指数（全国，1978—2014年）", "prices", "上年=100", 1),
    "食品类居民消费价格指数(上年=100)": (
        "nbs-food-cpi",
        "食品类居民消费价格指数（全国，1978—2014年）",
        "prices",
        "上年=100",
        1,
    ),
}
SPECIAL_UNITS = {"人均国内生产总值": "元"}


def parse_nbs_annual_csv(data: bytes, *, name: str) -> ParsedDataset:
    stem = Path(name).stem
    code, title, topic, unit, decimals = KNOWN_ANNUAL.get(
        stem, (_short_code("nbs-", name).lower(), f"{stem}（全国）", "other", "", None)
    )
    rows = _read_csv(data)
    parsed = ParsedDataset(
        code=code,
        title=title,
        frequency="A",
        topic=topic,
        source=NBS_ANNUAL_SOURCE,
        description=f"国家统计局年度数据“{stem}”，全国，按年度。",
        source_url="https://data.stats.gov.cn/",
        dimensions=[
            ParsedDimension("INDICATOR", "指标", "indicator"),
            ParsedDimension("AREA", "地区", "area", "CL_AREA"),
        ],
        codelists={"CL_AREA": ("行政区划（GB/T 2260）", [(*NATIONAL_AREA, "")])},
    )
    if not rows or len(rows[0]) < 2:
        parsed.errors.append(LineError(1, "", "表头至少应有年份列和一个指标列"))
        return parsed
    names = [h.strip() for h in rows[0][1:]]
    for i, ind_name in enumerate(names, start=1):
        column_values = [r[i] for r in rows[1:] if len(r) > i]
        ind_unit = SPECIAL_UNITS.get(ind_name, unit or ("上年=100" if "上年=100" in ind_name else ""))
        parsed.indicators[ind_name] = ParsedIndicator(
            _short_code("NBS", f"{stem}/{ind_name}"),
            ind_name,
            ind_unit,
            decimals if decimals is not None else _decimals_of(column_values),
            source="国家统计局",
        )
    for line_no, row in enumerate(rows[1:], start=2):
        if not row or not row[0].strip():
            continue
        match = re.fullmatch(r"(\d{4})年?", row[0].strip())
        if not match:
            parsed.errors.append(LineError(line_no, "年份", f"“{row[0][:20]}”不是年份"))
            continue
        for i, ind_name in enumerate(names, start=1):
            value = parse_number(
                row[i] if i < len(row) else "", line=line_no, column=ind_name, errors=parsed.errors
            )
            parsed.cells.append(
                ParsedCell(
                    (parsed.indicators[ind_name].code, NATIONAL_AREA[0]), match.group(1), value, line=line_no
                )
            )
    parsed.indicators = {i.code: i for i in parsed.indicators.values()}
    return parsed


def iter_nbs_tree(path: Path) -> Iterable[tuple[str, bytes]]:
    """(name, bytes) of every CSV in a file, a folder or the .tgz of the tree, in a stable order."""
    if path.is_dir():
        for csv_path in sorted(path.rglob("*.csv")):
            yield str(csv_path.relative_to(path)), csv_path.read_bytes()
    elif path.name.endswith((".tgz", ".tar.gz")):
        with tarfile.open(path, "r:gz") as archive:
            for member in sorted(archive.getmembers(), key=lambda m: m.name):
                if member.isfile() and member.name.endswith(".csv"):
                    handle = archive.extractfile(member)
                    if handle is not None:
                        yield member.name, handle.read()
    else:
        yield path.name, path.read_bytes()


# --- monthly CPI / PPI -----------------------------------------------------------------------------
def parse_cpi_ppi(data: bytes, *, name: str = "") -> ParsedDataset:
    rows = _read_csv(data)
    parsed = ParsedDataset(
        code="nbs-cpi-ppi-monthly",
        title="居民消费价格指数和工业生产者出厂价格指数（全国，月度）",
        frequency="M",
        topic="prices",
        source="国家统计局月度数据，整理自开源项目 sunyangkai/economic @409d5c7。",
        source_url="https://data.stats.gov.cn/",
        description="全国居民消费价格指数（CPI，分类别，上月=100）和工业生产者出厂价格指数（PPI，上年同月=100），按月。",
        dimensions=[
            ParsedDimension("INDICATOR", "指标", "indicator"),
            ParsedDimension("AREA", "地区", "area", "CL_AREA"),
        ],
        codelists={"CL_AREA": ("行政区划（GB/T 2260）", [(*NATIONAL_AREA, "")])},
    )
    header = [h.strip() for h in rows[0]] if rows else []
    required = ["group", "indicator_code", "indicator_name", "month", "value"]
    if header[:5] != required:
        parsed.errors.append(LineError(1, "", "表头应为 " + ",".join(required)))
        return parsed
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) < 5:
            parsed.errors.append(LineError(line_no, "", "列数不足"))
            continue
        group, code, ind_name, month, value_text = (c.strip() for c in row[:5])
        if not re.fullmatch(r"[A-Z0-9]{4,20}", code):
            parsed.errors.append(LineError(line_no, "indicator_code", f"“{code[:20]}”不是有效的指标代码"))
            continue
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
            parsed.errors.append(LineError(line_no, "month", f"“{month[:20]}”不是 YYYY-MM 格式的月份"))
            continue
        unit = re.search(r"\(([^()]*=100)\)", ind_name)
        parsed.indicators.setdefault(
            code,
            ParsedIndicator(
                code, ind_name, unit.group(1) if unit else "", 1, source=f"国家统计局（{group}）"
            ),
        )
        value = parse_number(value_text, line=line_no, column="value", errors=parsed.errors)
        parsed.cells.append(ParsedCell((code, NATIONAL_AREA[0]), month, value, line=line_no))
    return parsed


# --- raw NBS data-query JSON ---------------------------------------------------------------------------
QUARTERS = {"A": "Q1", "B": "Q2", "C": "Q3", "D": "Q4"}


def easyquery_period(code: str) -> tuple[str, str]:
    """'201909' → ('2019-09', 'M'); '2019B' → ('2019-Q2', 'Q'); '2019' → ('2019', 'A')."""
    if re.fullmatch(r"\d{6}", code):
        return f"{code[:4]}-{code[4:]}", "M"
    if re.fullmatch(r"\d{4}[A-D]", code):
        return f"{code[:4]}-{QUARTERS[code[4]]}", "Q"
    if re.fullmatch(r"\d{4}", code):
        return code, "A"
    raise ValueError(code)


def parse_easyquery(data: bytes, *, name: str) -> ParsedDataset:
    stem = Path(name).stem
    code = "nbs-eq-" + re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    parsed = ParsedDataset(
        code=code[:60],
        title=f"国家统计局数据查询：{stem}",
        frequency="M",
        topic="prices",
        source="国家统计局数据查询服务的原始响应，整理自开源项目 zArche/ceco @e307ae5。",
        source_url="https://data.stats.gov.cn/",
        dimensions=[
            ParsedDimension("INDICATOR", "指标", "indicator"),
            ParsedDimension("AREA", "地区", "area", "CL_AREA"),
        ],
        codelists={"CL_AREA": ("行政区划（GB/T 2260）", [(*NATIONAL_AREA, "")])},
    )
    try:
        document = json.loads(data.decode("utf-8-sig"))
        returndata = document["returndata"]
        wdnodes = {w["wdcode"]: w for w in returndata["wdnodes"]}
        datanodes = returndata["datanodes"]
    except (ValueError, KeyError, TypeError):
        parsed.errors.append(
            LineError(1, "", "不是国家统计局数据查询的响应（缺少 returndata.wdnodes / datanodes）")
        )
        return parsed
    for node in wdnodes.get("zb", {}).get("nodes", []):
        parsed.indicators[node["code"]] = ParsedIndicator(
            node["code"],
            node.get("cname") or node["name"],
            node.get("unit", ""),
            int(node.get("dotcount") or 0),
            meaning=node.get("exp", ""),
            scope=node.get("memo", "").replace("||", "\n"),
            source="国家统计局",
        )
    title_names = [n.get("cname", "") for n in wdnodes.get("zb", {}).get("nodes", [])[:1]]
    if title_names:
        parsed.title = f"{title_names[0].split('(')[0].split('_')[0]}等（全国）"
    frequencies = set()
    for position, node in enumerate(datanodes, start=1):
        wds = {w["wdcode"]: w["valuecode"] for w in node.get("wds", [])}
        ind, time_code = wds.get("zb"), wds.get("sj")
        if ind not in parsed.indicators:
            parsed.errors.append(LineError(position, "zb", f"数据节点的指标“{ind}”未在 wdnodes 中定义"))
            continue
        try:
            period, frequency = easyquery_period(str(time_code))
        except ValueError:
            parsed.errors.append(LineError(position, "sj", f"“{time_code}”不是可识别的时间代码"))
            continue
        frequencies.add(frequency)
        cell = node.get("data", {})
        if cell.get("dotcount") is not None:
            # dotcount of the data node sets the decimals the figure is published with.
            parsed.indicators[ind].decimals = int(cell["dotcount"])
        value = None
        if cell.get("hasdata"):
            value = parse_number(
                cell.get("strdata") or cell.get("data"), line=position, column="data", errors=parsed.errors
            )
        parsed.cells.append(ParsedCell((ind, NATIONAL_AREA[0]), period, value, line=position))
    if len(frequencies) == 1:
        parsed.frequency = frequencies.pop()
        parsed.topic = "economy" if parsed.frequency == "Q" else parsed.topic
    return parsed


# --- the generic long format (office upload) ----------------------------------------------------------
# Bounds on one office upload (issue 12 item 6), local practice: a file within 20 MB may still unpack
# to far more; these keep one upload from taking a worker's memory or minutes.
MAX_UPLOAD_ROWS = 100_000
MAX_UPLOAD_COLUMNS = 50
MAX_READ_SECONDS = 20.0


def _too_many_rows() -> ValidationFailed:
    return ValidationFailed(
        f"文件超过 {MAX_UPLOAD_ROWS:,} 行的上限，未读取。请分成几个文件上传，或由管理员用 gongkai import 导入。",
        field="file",
    )


def read_table(data: bytes, name: str, *, clock=time.monotonic) -> list[list[str]]:
    """Rows of a CSV (UTF-8, with or without BOM) or of the first sheet of an XLSX, as strings.

    Bounded: the XLSX is checked for macros and for what it unpacks to before openpyxl opens it, read
    in read-only (streaming) mode, and reading stops at MAX_UPLOAD_ROWS rows or MAX_READ_SECONDS."""
    from gongkai.confidentiality.filetypes import archive_problem

    if data[:4] == b"PK\x03\x04" or name.lower().endswith((".xlsx", ".xlsm", ".ods")):
        problem = archive_problem(data)
        if problem:
            raise ValidationFailed(f"{problem}，未读取。", field="file")
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        deadline = clock() + MAX_READ_SECONDS
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            rows = []
            for row in sheet.iter_rows(values_only=True, max_col=MAX_UPLOAD_COLUMNS):
                rows.append(["" if v is None else str(v) for v in row])
                if len(rows) > MAX_UPLOAD_ROWS:
                    raise _too_many_rows()
                if len(rows) % 1000 == 0 and clock() > deadline:
                    raise ValidationFailed(
                        f"读取该 XLSX 文件超过 {MAX_READ_SECONDS:.0f} 秒，已停止。请精简文件后再试。",
                        field="file",
                    )
            workbook.close()
        except ValidationFailed:
            raise
        except Exception as exc:  # openpyxl raises many kinds on a corrupt file
            raise ValidationFailed(f"无法读取该 XLSX 文件：{exc.__class__.__name__}", field="file") from None
        return rows
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed("CSV 文件须为 UTF-8 编码。", field="file") from None
    rows = []
    try:
        for row in csv.reader(io.StringIO(text)):
            rows.append(row[:MAX_UPLOAD_COLUMNS])
            if len(rows) > MAX_UPLOAD_ROWS + 1:  # + the header
                raise _too_many_rows()
    except csv.Error as exc:
        raise ValidationFailed(f"CSV 文件格式有误（第 {len(rows) + 1} 行）：{exc}", field="file") from None
    return rows


def parse_long(
    rows: list[list[str]],
    *,
    dataset_code: str,
    dimension_codes: list[str],
    area_names: dict[str, str] | None = None,
) -> ParsedDataset:
    """One row per cell. `dimension_codes` is the dataset's key order (INDICATOR, AREA, others)."""
    parsed = ParsedDataset(code=dataset_code, title="", frequency="")
    if not rows:
        parsed.errors.append(LineError(1, "", "文件为空"))
        return parsed
    header = [h.strip().lower() for h in rows[0]]
    wanted = {"indicator": "INDICATOR", "area": "AREA"}
    columns = {}
    for dim in dimension_codes:
        name = next((k for k, v in wanted.items() if v == dim), dim.lower())
        if name not in header:
            parsed.errors.append(LineError(1, name, f"表头缺少“{name}”列"))
        else:
            columns[dim] = header.index(name)
    for name in ("period", "value"):
        if name not in header:
            parsed.errors.append(LineError(1, name, f"表头缺少“{name}”列"))
    if parsed.errors:
        return parsed
    i_period, i_value = header.index("period"), header.index("value")
    i_status = header.index("status") if "status" in header else None
    i_resp = header.index("respondents") if "respondents" in header else None
    name_columns = {
        dim: header.index(f"{next((k for k, v in wanted.items() if v == dim), dim.lower())}_name")
        for dim in dimension_codes
        if f"{next((k for k, v in wanted.items() if v == dim), dim.lower())}_name" in header
    }
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(str(c).strip() for c in row):
            continue
        row = list(row) + [""] * (len(header) - len(row))
        key = tuple(str(row[columns[d]]).strip() for d in dimension_codes)
        if any(not part for part in key):
            parsed.errors.append(LineError(line_no, "", "维度代码不能为空"))
            continue
        for dim, i_name in name_columns.items():
            label = str(row[i_name]).strip()[:200]
            if label:
                parsed.code_names.setdefault((dim, key[dimension_codes.index(dim)]), label)
        period = str(row[i_period]).strip()
        if not re.fullmatch(r"\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?", period):
            parsed.errors.append(
                LineError(line_no, "period", f"“{period[:20]}”不是有效的时期（2024、2024-Q1、2024-07）")
            )
            continue
        value = parse_number(row[i_value], line=line_no, column="value", errors=parsed.errors)
        status = "F"
        if i_status is not None:
            status = STATUS_WORDS.get(str(row[i_status]).strip())
            if status is None:
                parsed.errors.append(LineError(line_no, "status", "状态应为 初步、修订 或 最终（P/R/F）"))
                continue
        respondents = None
        if i_resp is not None and str(row[i_resp]).strip():
            text = str(row[i_resp]).strip()
            if not text.isdigit():
                parsed.errors.append(LineError(line_no, "respondents", f"“{text[:20]}”不是非负整数"))
                continue
            respondents = int(text)
        parsed.cells.append(ParsedCell(key, period, value, status, respondents, line_no))
    return parsed


# --- dispatch --------------------------------------------------------------------------------------
PARSERS: dict[str, Callable[..., ParsedDataset]] = {
    "census": parse_census,
    "nbs_annual": parse_nbs_annual_csv,
    "cpi_ppi": parse_cpi_ppi,
    "easyquery": parse_easyquery,
}
KINDS = {
    "census": "人口普查分县表",
    "nbs_annual": "国家统计局年度数据 CSV（文件、目录或 .tgz）",
    "cpi_ppi": "月度 CPI/PPI",
    "easyquery": "国家统计局数据查询 JSON",
}


def parse_path(kind: str, path: Path) -> list[ParsedDataset]:
    if kind not in PARSERS:
        raise ValidationFailed(f"未知的导入类型“{kind}”，可选：{'、'.join(PARSERS)}。", field="kind")
    if not path.exists():
        raise ValidationFailed(f"找不到文件：{path}", field="path")
    if kind == "nbs_annual":
        return [parse_nbs_annual_csv(data, name=name) for name, data in iter_nbs_tree(path)]
    return [PARSERS[kind](path.read_bytes(), name=path.name)]


def run_import(kind: str, path, *, actor, agency=None, progress=None, release=None, note: str = ""):
    """Parse `path` as `kind` and write every dataset in one transaction (all or nothing).

    Returns a list of `services.ImportResult`. Raises ValidationFailed listing line-level errors.
    """
    from . import services  # the writing half

    parsed = parse_path(kind, Path(path))
    return services.write_parsed(
        parsed, actor=actor, agency=agency, progress=progress, release=release, note=note
    )
