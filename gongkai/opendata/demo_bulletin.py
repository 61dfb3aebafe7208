"""The demo's flagship 统计公报, written from the real census tables in data/ (issue 11 item 30: no
flagship item is a one-line stub, and no figure is invented). Every number below is computed from
census_county_2020_fujian.csv and census_county_2010_fujian.csv (see data/PROVENANCE.md)."""

import csv
from datetime import date
from pathlib import Path

from django.utils.html import escape

DATA = Path(__file__).parent / "data"
TITLE = "福州市第七次全国人口普查主要数据情况"
SUMMARY = (
    "2020年11月1日零时福州市常住人口、户别、地区分布、性别、年龄、受教育程度和城乡构成（据普查分县数据整理）"
)
PUBLISHED_ON = date(2021, 5, 20)  # the day of the demo's census release (opendata.demo)
CITY = "福州市"


def _num(value) -> float:
    return float(value or 0)


def _rows_2020() -> list[dict]:
    with (DATA / "census_county_2020_fujian.csv").open(encoding="utf-8-sig") as handle:
        return [row for row in csv.DictReader(handle) if row["市"] == CITY]


def _total_2010() -> int | None:
    with (DATA / "census_county_2010_fujian.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.reader(handle):
            if row and row[0].strip() == CITY:
                return int(_num(row[2]))
    return None


def _pct(part: float, whole: float) -> str:
    return f"{part / whole * 100:.2f}"


def bulletin_html() -> str:
    rows = _rows_2020()
    city = next(r for r in rows if r["区县"] == CITY)
    districts = [r for r in rows if r["区县"] != CITY]
    total, male, female = _num(city["人口数_合计"]), _num(city["人口数_男"]), _num(city["人口数_女"])
    urban, rural = _num(city["城镇人口"]), _num(city["乡村人口"])
    college = sum(_num(city[k]) for k in ("大学专科_男", "大学专科_女", "本科及以上_男", "本科及以上_女"))
    parts = [
        "<p>根据第七次全国人口普查分县（市、区）主要数据，现将2020年11月1日零时福州市人口的基本情况整理如下：</p>",
        "<h2>一、常住人口</h2>",
        f"<p>全市常住人口为{int(total)}人。"
        + (
            f"与2010年第六次全国人口普查的{_total_2010()}人相比，十年共增加{int(total) - _total_2010()}人，"
            f"增长{_pct(total - _total_2010(), _total_2010())}%。</p>"
            if _total_2010()
            else "</p>"
        ),
        "<h2>二、户别人口</h2>",
        f"<p>全市共有家庭户{int(_num(city['家庭户数']))}户，家庭户人口为{int(_num(city['家庭户人口数']))}人；"
        f"平均每个家庭户的人口为{city['户规模']}人。</p>",
        "<h2>三、地区人口</h2>",
        "<p>全市各县（市、区）常住人口如下：</p>",
        '<table><caption>各县（市、区）常住人口</caption><thead><tr><th scope="col">地区</th>'
        '<th scope="col">常住人口（人）</th><th scope="col">占全市比重（%）</th></tr></thead><tbody>',
        *[
            f'<tr><th scope="row">{escape(r["区县"])}</th><td>{int(_num(r["人口数_合计"]))}</td>'
            f"<td>{_pct(_num(r['人口数_合计']), total)}</td></tr>"
            for r in districts
        ],
        f'<tr><th scope="row">全市</th><td>{int(total)}</td><td>100.00</td></tr></tbody></table>',
        "<h2>四、性别构成</h2>",
        f"<p>全市常住人口中，男性人口为{int(male)}人，占{_pct(male, total)}%；女性人口为{int(female)}人，"
        f"占{_pct(female, total)}%。总人口性别比（以女性为100，男性对女性的比例）为{city['性别比（女=100）']}。</p>",
        "<h2>五、年龄构成</h2>",
        f"<p>全市常住人口中，0—14岁人口占{city['人口比重_0-14岁']}%；15—64岁人口占{city['人口比重_15-64岁']}%；"
        f"65岁及以上人口占{city['人口比重_65岁及以上']}%。</p>",
        "<h2>六、受教育程度</h2>",
        f"<p>全市常住人口中，拥有大学（指大专及以上）文化程度的人口为{int(college)}人，"
        f"每10万人中拥有大学文化程度的人口为{round(college / total * 100000)}人。"
        f"全市15岁及以上人口的平均受教育年限为{city['平均受教育年限_合计']}年。</p>",
        "<h2>七、城乡人口</h2>",
        f"<p>全市常住人口中，居住在城镇的人口为{int(urban)}人，占{_pct(urban, total)}%；"
        f"居住在乡村的人口为{int(rural)}人，占{_pct(rural, total)}%。</p>",
        "<h2>注释</h2>",
        "<p>1. 本公报数据根据国家统计局、福建省统计局公布的第七次全国人口普查分县（市、区）资料整理"
        "（整理数据：leiii/census，MIT 许可）；常住人口包括居住在本县（市、区）的人口。</p>",
        "<p>2. 部分数据因四舍五入的原因，存在总计与分项合计不等的情况。</p>",
        "<p>本条为演示内容：数字取自真实的普查分县数据，但本文不是福州市统计局发布的正式公报。</p>",
    ]
    return "".join(parts)
