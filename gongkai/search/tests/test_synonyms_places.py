"""The openness office's synonyms (merged with the data file, live in every worker, audited) and
place names recognised as a boost (issue 17 item 1)."""

import pytest

from gongkai.core.errors import Conflict, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.search import interface, selectors, services, understand
from gongkai.search.models import SynonymGroup
from gongkai.search.testing import registered

from .conftest import first
from .test_questions import _docs


@pytest.fixture
def corpus(backend_name, agency):
    rows = [
        {"id": "care", "title": "关于做好长期护理保险试点工作的通知", "body": "长期护理保险覆盖失能人员。"},
        {"id": "gulou", "title": "鼓楼区2024年统计公报", "body": "鼓楼区地区生产总值增长。"},
        {"id": "cangshan", "title": "仓山区2024年统计公报", "body": "仓山区地区生产总值增长。"},
    ]
    with registered("t", "政府信息", _docs(agency, rows), order=1):
        services.reindex()
        yield


def test_a_synonym_the_office_adds_takes_effect_at_once_and_is_audited(corpus, office_user):
    assert all(h.id != "care" for h in interface.search("长护险").hits)
    row = services.add_synonyms(actor=office_user, words="长护险、长期护理保险", note="群众常用简称")
    assert row.words == "长护险 长期护理保险"
    # another worker's memory: the stamp changed, so the next search reads the rows again
    selectors._cache["groups"] = understand.shipped_synonyms()
    assert first(interface.search("长护险怎么申请")).id == "care"
    event = AuditEvent.objects.filter(verb="search.synonyms_added").get()
    assert event.after == {"words": "长护险 长期护理保险", "note": "群众常用简称"}
    services.change_synonyms(actor=office_user, pk=row.pk, words="长护 长期护理保险")
    assert all(h.id != "care" for h in interface.search("长护险").hits)
    services.remove_synonyms(actor=office_user, pk=row.pk)
    assert not SynonymGroup.objects.exists()
    assert set(AuditEvent.objects.values_list("verb", flat=True)) >= {
        "search.synonyms_added",
        "search.synonyms_changed",
        "search.synonyms_removed",
    }


@pytest.mark.parametrize(
    "words, error",
    [("医保", ValidationFailed), ("医保 医疗保险", Conflict), ("医保 医疗-保险", ValidationFailed)],
)
def test_bad_synonyms_are_refused_in_chinese(db, office_user, words, error):
    with pytest.raises(error) as exc:
        services.add_synonyms(actor=office_user, words=words)
    assert exc.value.field == "words"


def test_only_the_openness_office_edits_synonyms(db, drafter):
    with pytest.raises(PermissionDenied):
        services.add_synonyms(actor=drafter, words="长护险 长期护理保险")


def test_the_office_screen_adds_and_keeps_what_was_typed(db, client, office_user, drafter):
    client.force_login(office_user)
    page = client.get("/office/search/synonyms/")
    assert page.status_code == 200 and "医保、医疗保险" in page.content.decode()  # shipped, read-only
    bad = client.post("/office/search/synonyms/", {"words": "长护险", "note": "简称"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "请至少填写两个不同的词" in html and 'value="长护险"' in html
    ok = client.post("/office/search/synonyms/", {"words": "长护险 长期护理保险"}, follow=True)
    assert "长护险、长期护理保险" in ok.content.decode()
    row = SynonymGroup.objects.get()
    assert (
        client.post(f"/office/search/synonyms/{row.pk}/", {"words": "长护 长期护理保险"}).status_code == 302
    )
    assert client.post(f"/office/search/synonyms/{row.pk}/remove/").status_code == 302
    assert not SynonymGroup.objects.exists()
    client.force_login(drafter)
    assert client.get("/office/search/synonyms/").status_code == 403


def test_place_names_come_from_the_census_list():
    assert ("福州市", "福州") in understand.places()
    assert understand.named_places("鼓楼区人口") == (("鼓楼区", "鼓楼"),)
    assert understand.named_places("福州的统计公报") == (("福州市", "福州"),)


def test_a_place_named_in_a_question_boosts_its_documents(corpus):
    results = interface.search("鼓楼的统计公报什么时候发布")
    assert first(results).id == "gulou"
    assert ("查询点名的地方", 1.3) in first(results).explain["boosts"]


@pytest.fixture
def vocabulary(backend_name, agency):
    rows = [
        {
            "id": "media",
            "title": "关于推进政务新媒体健康有序发展的意见",
            "body": "清理整合政务微博、微信等账号。",
        },
        {
            "id": "tax",
            "title": "个人所得税专项附加扣除暂行办法",
            "body": "纳税人的子女接受全日制学历教育的相关支出，按照每个子女每月1000元的标准定额扣除。",
        },
        {
            "id": "report",
            "title": "关于做好学校食堂管理工作的通知",
            "body": "孩子上学的安全要保障，支出要公开。",
        },
    ]
    with registered("t", "政府信息", _docs(agency, rows), order=1):
        services.reindex()
        yield


def test_words_jiebas_dictionary_lacks_and_yes_no_forms_are_understood(vocabulary):
    """微博/微信 are words (not 微博微 + 信), 要不要 asks whether and is dropped; a citizen's 孩子 and
    抵扣 find the document that says 子女 and 扣除 (data/synonyms.txt, session 8)."""
    results = interface.search("政务微博微信要不要清理整合")
    assert first(results).id == "media"
    assert "要不要" in results.dropped
    assert first(interface.search("孩子上学的教育支出能抵扣个税吗")).id == "tax"
