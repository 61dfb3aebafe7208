"""The Fujian county census tables (2020 and 2010 layouts) → dataset `census-fujian`."""

from __future__ import annotations

import re
from dataclasses import replace

from gongkai.core.errors import ValidationFailed

from .shape import (
    NATIONAL_AREA,
    LineError,
    ParsedCell,
    ParsedDataset,
    ParsedDimension,
    ParsedIndicator,
    _area_parent,
    _read_csv,
    parse_number,
)

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
