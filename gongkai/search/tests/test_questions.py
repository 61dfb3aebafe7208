"""Issue 17: citizens' questions, typos and ranking the right kind of page first — the same on
Tantivy (always) and PostgreSQL (in the PostgreSQL pass)."""

import pytest

from gongkai.search import interface, services, spelling, understand
from gongkai.search.documents import SearchDocument
from gongkai.search.testing import parse_date, registered

from .conftest import first

pytestmark = pytest.mark.django_db


def _docs(agency, rows):
    return [
        SearchDocument(
            type=row.get("type", "t"),
            id=row["id"],
            agency_id=agency.pk,
            title=row["title"],
            url=f"/{row['id']}/",
            body=row.get("body", ""),
            document_number=row.get("number", ""),
            issuer="",
            category="",
            year=row.get("year", 2024),
            published_at=parse_date(row.get("date", "2024-03-01")),
        )
        for row in rows
    ]


@pytest.fixture
def questions(backend_name, agency):
    rows = [
        {
            "id": "enrol",
            "title": "2024年小学入学报名工作公告",
            "body": "报名时请携带户口簿、房产证明等材料。",
        },
        {
            "id": "holiday",
            "title": "关于做好孩子假期安全工作的通知",
            "body": "家长要为孩子准备好假期安全教育。",
        },
        {"id": "tax", "title": "个人所得税专项附加扣除操作办法", "body": "纳税人享受子女教育专项附加扣除。"},
        {
            "id": "bulletin",
            "title": "福州市2024年国民经济和社会发展统计公报",
            "body": "全市地区生产总值增长。",
        },
        *[
            {
                "id": f"msg{i}",
                "type": "message",
                "title": "统计公报什么时候发布？",
                "body": "请问统计公报什么时候发布？统计公报统计公报。答复：每年三月发布统计公报。",
                "date": f"2024-04-0{i + 1}",
            }
            for i in range(4)
        ],
        {
            "id": "supervision",
            "title": "关于推行双随机一公开监管的实施意见",
            "body": "全面推行双随机抽查。",
            "number": "闽政〔2019〕7号",
        },
        {
            "id": "citing",
            "title": "市场监管工作要点",
            "body": "贯彻闽政〔2019〕7号文件，推行双随机一公开监管，闽政〔2019〕7号。",
        },
    ]
    with (
        registered("t", "政府信息", _docs(agency, [r for r in rows if "type" not in r]), order=1),
        registered("message", "留言答复", _docs(agency, [r for r in rows if "type" in r]), order=9),
    ):
        services.reindex()
        yield


def test_a_question_with_extra_words_finds_the_document_with_only_its_key_terms(questions):
    # The notice says 小学/报名/材料, never 孩子/准备/哪些: the question's extra words no longer
    # have to occur (minimum-should-match), and the question words are dropped.
    results = interface.search("孩子上小学报名要准备哪些材料？")
    assert first(results).id == "enrol"
    assert first(results).explain["coverage"] >= 0.6
    results = interface.search("请问小学报名需要什么材料呢")
    assert first(results).id == "enrol"
    assert results.dropped == ("请问", "需要")


def test_an_abbreviation_finds_the_full_term(questions):
    results = interface.search("个税专项附加扣除怎么办理")
    assert first(results).id == "tax"
    assert first(results).explain["terms"][0] == {
        "word": "个税",
        "as": "个人所得税",
        "title": 1,
        "text": 1,  # the text's count includes the title (ADR 0059); the body never says 个人所得税
        "idf": first(results).explain["terms"][0]["idf"],
    }


def test_public_messages_never_outrank_the_bulletin_and_are_collapsed(questions):
    results = interface.search("统计公报什么时候发布")
    assert first(results).id == "bulletin"
    assert ("查询点名的文件类型", 1.5) in first(results).explain["boosts"]
    messages = [h for h in results.hits if h.type == "message"]
    assert [(h.id, h.similar) for h in messages] == [("msg3", 3)]  # "另有 3 条相似"


def test_this_year_is_a_soft_boost(questions, settings):
    results = interface.search("今年统计公报")
    assert first(results).id == "bulletin"
    assert results.dropped == ("今年",)


@pytest.mark.parametrize("typed", ["双随即", "双随基"])
def test_a_one_character_typo_in_a_three_character_term_gets_a_suggestion(questions, typed):
    # 双随即 sounds like 双随机 (pinyin); 双随基 is one character off.
    results = interface.search(typed)
    assert results.suggestion == "双随机"
    assert interface.search("双随机").suggestion == ""  # a correct word gets none


def test_the_suggestion_shows_on_the_page(questions, client):
    html = client.get("/search/", {"q": "双随即监管"}).content.decode()
    assert "您是不是要找" in html
    assert "双随机监管" in html


@pytest.mark.parametrize("typed", ["闽政〔2019〕7号", "闽政[2019]7号", "闽政(2019)7号"])
def test_an_exact_document_number_still_comes_first(questions, typed):
    # Another document cites the number twice in its text: the document that bears it stays first.
    results = interface.search(typed)
    assert first(results).id == "supervision"
    assert first(results).exact is True


def test_a_document_number_inside_a_question_ranks_its_document_first(questions):
    results = interface.search("闽政〔2019〕7号文件讲了什么")
    assert first(results).id == "supervision"
    assert ("查询含本文发文字号", 3.0) in first(results).explain["boosts"]


def test_understanding_is_data():
    today = parse_date("2026-05-01").date()
    u = understand.understand("请问去年个税怎么算", ["请问", "去年", "个税", "算"], today=today)
    assert u.words == ("个税", "算")
    assert u.dropped == ("请问", "去年")
    assert u.years == (2025,)
    assert u.synonyms == {"个税": ("个人所得税",)}
    assert understand.understand("统计公报", ["统计公报"], today=today).kinds == ("公报",)


def test_spelling_prefers_homophones():
    assert spelling.candidates("双随即")[0] == ("双随即", "双随机", True)
    assert spelling.correct("双随即", accept=lambda stretch, word: True) == "双随机"
    assert spelling.correct("统计公报", accept=lambda stretch, word: True) == ""
