"""The re-ranking's session-7 rules (rank.py, pure; ADR 0059): a later copy of another issuer's
document ranks below the original, 最新 asks for the newest, a document of a title alone is scored on
its title, 历年 and 里 say nothing about a document (issue 17)."""

from datetime import UTC, date, datetime

from gongkai.search import rank, understand
from gongkai.search.backends.base import RawHit
from gongkai.search.query import parse

OTHER = "其他工作安排。"


def _hit(id_, title, text, *, issuer="", published=None):
    return RawHit(
        type="item",
        id=id_,
        score=0.0,
        title=title,
        url=f"/{id_}/",
        document_number="",
        index_number="",
        issuer=issuer,
        category="",
        year=published.year if published else None,
        validity="",
        published_at=published,
        text=text,
        exact=False,
    )


def _at(year, month=1, day=1):
    return datetime(year, month, day, 9, tzinfo=UTC)


def _ranked(text, hits, dfs, n=100):
    q = parse(text, today=date(2026, 12, 7))
    return [s.hit.id for s in rank.collapse(rank.order(rank.score(hits, q, n, dfs)))]


NATIONAL = "国务院关于做好当前和今后一个时期促进就业工作的若干意见"
PROVINCIAL = "河南省人民政府关于做好当前和今后一个时期促进就业工作的实施意见"
DFS = {"失业": 20, "就业": 40, "帮扶": 10, "河南": 5}


def _pair():
    original = _hit(
        "national",
        NATIONAL,
        "各级政府就业帮扶，失业人员。" * 4 + OTHER * 30,
        issuer="国务院",
        published=_at(2018, 12, 5),
    )
    copy = _hit(
        "henan",
        PROVINCIAL,
        "各级政府就业帮扶，失业人员。" * 8 + OTHER * 30,
        issuer="河南",
        published=_at(2018, 12, 31),
    )
    return original, copy


def test_a_later_copy_by_another_issuer_ranks_below_the_original():
    original, copy = _pair()
    hits = [copy, original]
    q = parse("失业了政府有什么就业帮扶", today=date(2026, 12, 7))
    scored = rank.score(hits, q, 100, DFS)
    by_score = sorted(scored, key=lambda s: -s.score)
    assert by_score[0].hit.id == "henan"  # the copy says 就业 more often: it scores higher …
    assert _ranked("失业了政府有什么就业帮扶", hits, DFS) == ["national", "henan"]  # … and follows


def test_a_copy_holding_more_of_the_query_keeps_its_place():
    original, copy = _pair()
    assert _ranked("河南就业帮扶政策", [copy, original], DFS)[0] == "henan"


def test_one_issuer_s_yearly_documents_are_not_copies_of_each_other():
    older = _hit(
        "2024", "2024年政府工作报告", "就业帮扶。" + OTHER * 30, issuer="国务院", published=_at(2024, 3, 5)
    )
    newer = _hit(
        "2025",
        "2025年政府工作报告",
        "就业帮扶。就业帮扶。" + OTHER * 30,
        issuer="国务院",
        published=_at(2025, 3, 5),
    )
    assert _ranked("就业帮扶", [older, newer], DFS)[0] == "2025"
    assert not rank._copies(*rank.score([newer, older], parse("就业帮扶"), 100, DFS))


def test_newest_asks_for_the_newest_document_holding_the_question():
    reports = [
        _hit(
            f"r{y}",
            f"{y}年政府工作报告",
            "政府工作报告。" * (30 - y % 10) + OTHER * 20,
            published=_at(y, 3, 5),
        )
        for y in (2018, 2023, 2025, 2024)
    ]
    unrelated = _hit("new", "登革热诊断解读", OTHER * 20, published=_at(2026, 1, 1))
    dfs = {"政府工作报告": 25}
    assert _ranked("最新的政府工作报告", [*reports, unrelated], dfs)[:3] == ["r2025", "r2024", "r2023"]
    assert _ranked("政府工作报告", reports, dfs)[0] != "r2025"  # without 最新, no recency


def test_newest_and_over_the_years_are_understood_not_matched():
    u = understand.understand("历年报告里的赤字", ["历年", "报告", "里", "赤字"], today=date(2026, 12, 7))
    assert u.words == ("报告", "赤字") and not u.recent
    u = understand.understand("最新的政府工作报告", ["最新", "政府工作报告"], today=date(2026, 12, 7))
    assert u.words == ("政府工作报告",) and u.recent and "最新" in u.dropped


def test_a_document_of_a_title_alone_is_scored_on_its_title():
    title_only = _hit("title", "保险机构高级管理人员培训要点", "")
    # a long text repeating two of the words outscored the title alone when only the title field
    # counted a document whose text is empty
    long_text = _hit("long", "民政减灾救灾工作要点", ("开展培训。" * 2 + "工作要点。" * 3 + OTHER * 20) * 8)
    dfs = {"培训": 60, "要点": 8, "保险": 20}
    assert _ranked("保险培训要点", [long_text, title_only], dfs)[0] == "title"
