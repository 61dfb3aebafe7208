"""The run's shared databases (tests/databases.py, ADR 0058): the demo is never put away inside a test's
transaction, and rows left in the empty test database fail the test that left them and go, instead of
meeting the next test of the process (the order dependency of session 6: `agency` met the demo's 福州市统计局
and its site settings: "UNIQUE constraint failed: core_sitesettings.agency_id")."""

import pytest

from gongkai.accounts.factories import AgencyFactory, SiteSettingsFactory
from gongkai.core.models import Agency
from tests.databases import DemoDatabase


def test_the_demo_is_not_put_away_inside_the_tests_transaction(db, tmp_path):
    # inside the transaction the copy back is refused and the flush would be rolled back with it
    with pytest.raises(RuntimeError, match="inside the test's transaction"):
        DemoDatabase(tmp_path).leave(throwaway=False)


def test_rows_left_in_the_empty_database_fail_the_test_and_go(transactional_db):
    SiteSettingsFactory(agency=AgencyFactory(code="fzstats"))
    with pytest.raises(RuntimeError, match="fzstats"):
        DemoDatabase.check_empty()
    assert not Agency.objects.exists()
    DemoDatabase.check_empty()  # nothing left: no error
