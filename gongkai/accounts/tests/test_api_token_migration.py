"""Moving ApiToken from catalogue to accounts keeps every issued token (its row, hash and user)."""

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gongkai.accounts.models import ApiToken

BEFORE = [("catalogue", "0004_normative_documents"), ("accounts", "0002_initial")]
AFTER = [("catalogue", "0005_api_token_moved_to_accounts"), ("accounts", "0003_api_token")]


@pytest.mark.django_db(transaction=True)
def test_a_token_issued_by_catalogue_still_authenticates_after_the_move(client, office_user):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("catalogue", "ApiToken")
    raw = "gk_issued-before-the-move-0123456789abcdefghijkl"
    old.objects.create(
        user_id=office_user.pk, label="办公系统", key_hash=hashlib.sha256(raw.encode()).hexdigest()
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    # every app back to its latest state: later tests in this process need the tables after AFTER
    # (catalogue_sitecolumn, …); left at AFTER, they failed with "no such table" in a full run
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert not _missing_tables(), "the test left the database behind its latest migrations"

    token = ApiToken.objects.get()
    assert (token.user_id, token.label) == (office_user.pk, "办公系统")
    assert "accounts_apitoken" in connection.introspection.table_names()
    assert "catalogue_apitoken" not in connection.introspection.table_names()
    assert client.get("/api/v1/workflows/queue", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def _missing_tables() -> set[str]:
    from django.apps import apps

    tables = {m._meta.db_table for m in apps.get_models() if m._meta.managed and not m._meta.proxy}
    return tables - set(connection.introspection.table_names())
