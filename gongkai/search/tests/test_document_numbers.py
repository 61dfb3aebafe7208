"""An exact 发文字号 or 索引号 comes first in every bracket form, however many newer documents cite it,
name it in their title or bear a neighbouring number (the 20k benchmark sample showed another
document first for 国函[2023]98号: no document there bears it — see docs/performance.md). Both
backends; PostgreSQL also with the candidate window smaller than the matches."""

import pytest

from gongkai.search import interface, rank, services
from gongkai.search.backends import postgres_walk
from gongkai.search.documents import SearchDocument
from gongkai.search.testing import parse_date, registered

from .conftest import first

pytestmark = pytest.mark.django_db

NUMBER = "国函〔2023〕98号"
INDEX_NUMBER = "000014349/2023-00098"


def _doc(agency, i, title, number="", body="", date="2024-06-01", index_number=""):
    return SearchDocument(
        type="t",
        id=str(i),
        agency_id=agency.pk,
        title=title,
        url=f"/{i}/",
        body=body,
        document_number=number,
        index_number=index_number,
        issuer="国务院",
        category="",
        year=int(date[:4]),
        published_at=parse_date(date),
    )


@pytest.fixture
def numbered(backend_name, agency):
    docs = [
        _doc(
            agency,
            0,
            "国务院关于《江西省国土空间规划（2021—2035年）》的批复",
            NUMBER,
            "原则同意《江西省国土空间规划》。",
            date="2023-08-01",
            index_number=INDEX_NUMBER,
        )
    ]
    # newer documents that cite the number, carry it in the title, or bear a neighbouring number
    for i in range(1, 31):
        docs.append(
            _doc(
                agency,
                i,
                f"关于贯彻落实国函〔2023〕98号文件的通知（第{i}批）",
                body="根据国函〔2023〕98号、国函[2023]98号和国函2023年98号文件精神，国函 2023 98号。" * 3,
            )
        )
    docs += [
        _doc(agency, 31, "国务院关于另一规划的批复", "国函〔2023〕9号", "国函 2023 98"),
        _doc(agency, 32, "国务院关于某规划的批复", "国函〔2022〕98号", "国函 2023 98"),
        _doc(agency, 33, "国务院关于某规划的批复（修订）", "国函〔2023〕1098号", "国函 2023 98"),
    ]
    with registered("t", "政府信息", docs, order=1):
        services.reindex()
        yield


@pytest.mark.parametrize(
    "typed",
    [
        "国函〔2023〕98号",
        "国函[2023]98号",
        "国函(2023)98号",
        "国函【2023】98号",
        "国函（2023）98号",
        "国函［2023］98号",
        "国函〖2023〗98号",
        "国函﹝2023﹞98号",
        " 国函 〔2023〕 98 号 ",
    ],
)
def test_the_exact_document_number_comes_first_in_every_bracket_form(numbered, typed):
    results = interface.search(typed)
    assert first(results).id == "0"
    assert first(results).exact is True
    assert [h.id for h in results.hits[1:] if h.exact] == []


def test_the_exact_index_number_comes_first(numbered):
    results = interface.search(INDEX_NUMBER)
    assert first(results).id == "0"
    assert first(results).exact is True


def test_the_exact_number_comes_first_when_the_window_holds_fewer_than_the_matches(
    numbered, monkeypatch, backend_name
):
    # the 30 newer citing documents fill the ranked window and the PostgreSQL candidates
    monkeypatch.setattr(rank, "WINDOW", 5)
    monkeypatch.setattr(postgres_walk, "CANDIDATES", 5)
    monkeypatch.setattr(postgres_walk, "WALK_THRESHOLD", 0)
    monkeypatch.setattr(postgres_walk, "WALK_FACTOR", 1)
    monkeypatch.setattr(postgres_walk, "_STATISTICS", {})
    for typed in ("国函[2023]98号", "国函〔2023〕98号"):
        results = interface.search(typed)
        assert first(results).id == "0", backend_name
        assert first(results).exact is True


def test_no_exact_document_shows_the_nearest_without_claiming_exactness(numbered):
    results = interface.search("国函〔2023〕97号")
    assert results.hits
    assert not any(h.exact for h in results.hits)
