"""Migrating FoiRequest.token to its hash keeps every link an applicant already holds working."""

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from gongkai.foi_requests import selectors
from gongkai.foi_requests.models import FoiRequest

BEFORE = [("foi_requests", "0003_lapses_fee_relief")]
AFTER = [("foi_requests", "0004_token_hash")]


@pytest.mark.django_db(transaction=True)
def test_a_link_issued_before_the_migration_still_resolves_and_no_raw_token_remains(agency, client):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("foi_requests", "FoiRequest")
    held = "Old-Link_Token-0123456789abcdefghij"  # what the applicant has in their e-mail
    old.objects.create(
        agency_id=agency.pk,
        tracking_number="YSQ2025-0007",
        token=held,
        channel="online",
        applicant_type="citizen",
        applicant_name="张三",
        id_type="resident_id",
        id_number_masked="3501**********0011",
        id_number_digest="d" * 64,
        phone="13800000000",
        description="2024 年统计年鉴",
        delivery_form="electronic",
        delivery_channel="email",
        submitted_at=timezone.now(),
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # every app back to its latest state

    row = FoiRequest.objects.get(tracking_number="YSQ2025-0007")
    assert row.token_hash == hashlib.sha256(held.encode()).hexdigest()
    assert "token" not in [f.name for f in FoiRequest._meta.get_fields()]
    with connection.cursor() as cursor:
        columns = [
            c.name for c in connection.introspection.get_table_description(cursor, "foi_requests_foirequest")
        ]
    assert "token" not in columns
    assert selectors.request_for_applicant("YSQ2025-0007", held).pk == row.pk
    page = client.get(f"/xxgk/ysqgk/track/YSQ2025-0007/{held}/")
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    assert client.get(f"/xxgk/ysqgk/track/YSQ2025-0007/{row.token_hash}/").status_code == 404


def _missing_tables() -> set[str]:
    from django.apps import apps

    tables = {m._meta.db_table for m in apps.get_models() if m._meta.managed and not m._meta.proxy}
    return tables - set(connection.introspection.table_names())
