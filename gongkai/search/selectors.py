"""Reads of search's own tables: the synonym groups in force (shipped file + the office's rows).

Several worker processes (gunicorn) each keep the merged groups in memory; one small aggregate per
search (count, last change, highest id) tells a worker that another changed the rows, so an edit
takes effect at once everywhere without a restart (the same pattern as workdays.selectors)."""

from django.db import DatabaseError, connections, router

from . import understand
from .models import SynonymGroup

_cache: dict = {"stamp": None, "groups": None}


def invalidate() -> None:
    _cache["stamp"] = None
    _cache["groups"] = None


def _stamp():
    """(count, last change, highest id) of the office's rows. Written as SQL: the ORM compiled this
    aggregate on every search, ~5 % of the search page's CPU (issue 19 item 1); the values are only
    compared with this process's previous ones."""
    connection = connections[router.db_for_read(SynonymGroup)]
    table = connection.ops.quote_name(SynonymGroup._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(id), MAX(updated_at), MAX(id) FROM {table}")  # noqa: S608 - a model's table
        return tuple(cursor.fetchone())


def office_groups() -> tuple[tuple[str, ...], ...]:
    return tuple(
        tuple(g.split()) for g in SynonymGroup.objects.order_by("id").values_list("words", flat=True)
    )


def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """The shipped groups, then the office's. A database without the table (a bare benchmark index)
    falls back to the shipped file."""
    try:
        stamp = _stamp()
    except DatabaseError:
        return understand.shipped_synonyms()
    if _cache["groups"] is None or _cache["stamp"] != stamp:
        _cache["groups"] = understand.shipped_synonyms() + office_groups()
        _cache["stamp"] = stamp
    return _cache["groups"]


def synonym_rows():
    return SynonymGroup.objects.select_related("created_by").all()
