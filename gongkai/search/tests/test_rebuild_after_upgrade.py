"""An index of an older layout is emptied when opened and rebuilt by the worker's job."""

from pathlib import Path

import pytest
from django.utils import timezone

from gongkai.core import jobs
from gongkai.search import interface, services
from gongkai.search.backends import tantivy_backend
from gongkai.search.documents import SearchDocument
from gongkai.search.testing import registered

pytestmark = pytest.mark.django_db


def _job():
    return next(j for j in jobs.registered() if j.name == "search.rebuild_after_upgrade")


def test_the_worker_rebuilds_an_index_of_an_older_layout(search_settings, agency):
    search_settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    doc = SearchDocument(type="t", id="1", agency_id=agency.pk, title="统计公报", url="/")
    with registered("t", "测试", [doc]):
        services.reindex()
        assert interface.get_backend().needs_rebuild() is False
        assert _job().func(timezone.now()) is None  # nothing to do

        path = Path(search_settings.GONGKAI_SEARCH_DIR) / "tantivy"
        (path / "GONGKAI_SCHEMA").write_text("1")  # as an older Gongkai left it
        interface.reset_backends()
        backend = interface.get_backend()
        assert backend.needs_rebuild() is True
        assert backend.count() == 0
        assert (path / "GONGKAI_SCHEMA").read_text() == tantivy_backend.SCHEMA_VERSION

        assert _job().func(timezone.now()) == "搜索索引已按新版本重建：1 条。"
        assert backend.needs_rebuild() is False
        assert [h.id for h in interface.search("统计公报").hits] == ["1"]


def test_reindexing_one_type_does_not_clear_the_mark(search_settings, agency):
    search_settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    path = Path(search_settings.GONGKAI_SEARCH_DIR) / "tantivy"
    path.mkdir(parents=True)
    (path / "GONGKAI_SCHEMA").write_text("1")
    with registered("t", "测试", []):
        services.reindex(type_name="t")
        assert interface.get_backend().needs_rebuild() is True  # only a full rebuild clears it
        services.reindex()
        assert interface.get_backend().needs_rebuild() is False
