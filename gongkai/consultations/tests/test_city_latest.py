"""The city portal's latest 征求意见 (issue 18 item 11): public ones only, of the agencies asked for, in
one query whatever the number of agencies."""

import pytest

from gongkai.consultations.selectors import latest_public_consultations

pytestmark = pytest.mark.django_db


def test_latest_consultations_are_public_only(
    agency, other_agency, open_consultation, make_consultation, django_assert_num_queries
):
    make_consultation(title="尚未发布的征求意见稿")
    with django_assert_num_queries(1):
        found = latest_public_consultations([agency.pk, other_agency.pk], limit=10)
    assert found == [open_consultation]
    assert latest_public_consultations([other_agency.pk], limit=10) == []
