"""The re-ranking's fields and factors (rank.py, pure): the title beside the text, coverage, the parts
of a long word weighed by IDF, proximity (issue 17, session 6)."""

from datetime import date

from gongkai.search import rank, segment
from gongkai.search.backends.base import RawHit
from gongkai.search.query import parse


def _hit(id_, title, text):
    return RawHit(
        type="item",
        id=id_,
        score=0.0,
        title=title,
        url=f"/{id_}/",
        document_number="",
        index_number="",
        issuer="",
        category="",
        year=None,
        validity="",
        published_at=None,
        text=text,
        exact=False,
    )


def _ranked(text, hits, dfs, n=100):
    q = parse(text, today=date(2026, 12, 7))
    return [s.hit.id for s in rank.order(rank.score(hits, q, n, dfs))]


def test_a_title_naming_the_topic_is_not_drowned_by_a_long_text_repeating_it():
    report = _hit("report", "政府工作报告", ("促进就业，稳定就业政策。" + "其他工作安排。" * 40) * 30)
    notice = _hit("notice", "关于促进就业工作的意见", "促进就业的政策措施。" * 5 + "其他工作安排。" * 100)
    dfs = {"促进": 60, "就业": 40, "政策": 70}
    assert _ranked("国家促进就业有什么政策", [report, notice], dfs)[0] == "notice"


def test_a_document_missing_the_rarest_term_pays_for_it():
    year_only = _hit(
        "year", "海关总署公告2016年第8号", "2016年的公告，关于飞机租赁。" * 3 + "其他工作安排。" * 40
    )
    answer = _hit("answer", "2016年政府工作报告", "今年着力去产能。" * 10 + "其他工作安排。" * 40)
    dfs = {"2016": 9, "产能": 31, "部署": 65}
    assert _ranked("2016年去产能是怎么部署的", [year_only, answer], dfs)[0] == "answer"


def test_numbers_are_never_spelt_out_by_parts():
    assert segment.word_parts("2020") == ()
    assert segment.word_parts("gdp2020") == ()


def test_the_rare_part_of_a_long_word_counts_most():
    parts = ("地方", "政府", "专项债券")
    weights = {"地方": 0.5, "政府": 0.3, "专项债券": 3.0}
    _, generic = rank._count("地方政府加强管理", "地方政府专项债券", parts, weights)
    _, rare = rank._count("发行专项债券", "地方政府专项债券", parts, weights)
    assert rare > 0.7 > generic


def test_terms_standing_together_weigh_more_than_terms_scattered():
    together, _ = rank._passage("推进养老保险全国统筹。" + "。" * 200, [("养老保险", 1.8), ("统筹", 1.0)])
    apart, terms = rank._passage("养老保险" + "。" * 200 + "统筹", [("养老保险", 1.8), ("统筹", 1.0)])
    assert together == 2.8 and apart == 1.8 and terms == 1
