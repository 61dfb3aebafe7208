"""After an upgrade that changed the embedded index's layout, the worker rebuilds it by itself."""

import logging
from datetime import datetime, timedelta

from gongkai.core import jobs

from .interface import get_backend
from .services import reindex

logger = logging.getLogger(__name__)


@jobs.register("search.rebuild_after_upgrade", every=timedelta(minutes=1))
def rebuild_after_upgrade(now: datetime) -> str | None:
    """The index is emptied when a new Gongkai opens an index of an older layout (Tantivy
    `SCHEMA_VERSION`); until it is rebuilt the site finds nothing. Rebuilds it from the database."""
    if not get_backend().needs_rebuild():
        return None
    total = reindex()
    message = f"搜索索引已按新版本重建：{total} 条。"
    logger.warning(message)
    return message
