import pytest
from django.db import IntegrityError, transaction

from gongkai.catalogue import index_numbers, services
from gongkai.catalogue.models import CatalogueSettings, InformationItem
from gongkai.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db


def test_national_default_format_is_org_code_slash_year_dash_five_digits(agency):
    number = index_numbers.issue_index_number(agency=agency, year=2026)
    assert number == "350100TJJ/2026-00001"
    assert len(number) == 20


def test_counter_issues_consecutive_numbers_per_year(agency):
    first = index_numbers.issue_index_number(agency=agency, year=2026)
    second = index_numbers.issue_index_number(agency=agency, year=2026)
    other_year = index_numbers.issue_index_number(agency=agency, year=2027)
    assert (first, second, other_year) == (
        "350100TJJ/2026-00001",
        "350100TJJ/2026-00002",
        "350100TJJ/2027-00001",
    )


def test_counter_is_per_agency(agency, other_agency):
    assert index_numbers.issue_index_number(agency=agency, year=2026) == "350100TJJ/2026-00001"
    assert index_numbers.issue_index_number(agency=other_agency, year=2026) == "350100FGW/2026-00001"


def test_counter_skips_a_number_already_taken_by_an_import(agency):
    InformationItem.objects.create(agency=agency, index_number="350100TJJ/2026-00001", slug="x")
    assert index_numbers.issue_index_number(agency=agency, year=2026) == "350100TJJ/2026-00002"


def test_agency_template_is_used(agency):
    CatalogueSettings.objects.create(agency=agency, index_template="{org}-{year}-{seq:04d}")
    assert index_numbers.issue_index_number(agency=agency, year=2026) == "350100TJJ-2026-0001"


@pytest.mark.parametrize("template", ["{org}/{year}", "{org}/{seq:05d}", "{org}/{year}-{nope}"])
def test_invalid_templates_are_refused(template):
    with pytest.raises(ValidationFailed):
        index_numbers.validate_template(template)


def test_slug_form_of_an_index_number():
    assert index_numbers.slug_for("350100TJJ/2026-00001") == "350100TJJ-2026-00001"


def test_item_gets_its_number_at_creation(make_item):
    from django.utils import timezone

    item = make_item()
    year = timezone.localdate().year
    assert item.index_number == f"350100TJJ/{year}-00001"
    assert item.slug == f"350100TJJ-{year}-00001"
    assert make_item().index_number == f"350100TJJ/{year}-00002"


def test_index_number_cannot_be_changed_once_issued(make_item):
    item = InformationItem.objects.get(pk=make_item().pk)
    item.index_number = "350100TJJ/2026-99999"
    with pytest.raises(ValueError, match="不得更改"):
        item.save()
    item.refresh_from_db()
    assert item.index_number.endswith("-00001")


def test_database_refuses_a_duplicate_index_number_in_one_agency(agency):
    InformationItem.objects.create(agency=agency, index_number="350100TJJ/2026-00001", slug="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        InformationItem.objects.create(agency=agency, index_number="350100TJJ/2026-00001", slug="b")


def test_two_items_created_one_after_the_other_never_share_a_number(make_item, drafter):
    numbers = {make_item().index_number for _ in range(5)}
    assert len(numbers) == 5
    assert services  # services issue through the same locked counter
