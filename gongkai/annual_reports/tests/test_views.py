import pytest

from gongkai.annual_reports.models import AnnualReport
from gongkai.foi_requests.outcomes import TABLE3_HEADER

LIST = "/office/annual-reports/"


@pytest.mark.django_db
def test_office_creates_a_report_and_lands_on_its_editor(staff_client, office_user):
    client = staff_client(office_user)
    response = client.post(LIST + "new/", {"year": "2025"})
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{LIST}{report.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "由系统记录生成的统计表（实时）" in page
    assert TABLE3_HEADER in page
    assert "表二“规章”行“本年制发件数”尚未填写。" in page  # the check result beside the form


@pytest.mark.django_db
def test_create_form_shows_chinese_errors_and_keeps_the_year(staff_client, office_user, make_report):
    make_report(2025)
    response = staff_client(office_user).post(LIST + "new/", {"year": "2025"})
    assert response.status_code == 400
    assert "2025年的年度报告已经存在。" in response.content.decode()
    assert 'value="2025"' in response.content.decode()


@pytest.mark.django_db
def test_edit_form_keeps_what_was_typed_and_shows_the_error_beside_the_field(
    staff_client, office_user, make_report
):
    report = make_report(2025, complete=False)
    data = {"overview": "总体情况的新文字", "penalty_decisions": "六", "fees_amount": "1.5"}
    response = staff_client(office_user).post(f"{LIST}{report.pk}/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "总体情况的新文字" in page
    assert 'id="id_penalty_decisions_error"' in page and "请填写整数。" in page
    assert 'value="1.5"' in page
    report.refresh_from_db()
    assert report.overview == ""  # nothing saved


@pytest.mark.django_db
def test_edit_form_saves(staff_client, office_user, make_report):
    report = make_report(2025, complete=False)
    response = staff_client(office_user).post(
        f"{LIST}{report.pk}/", {"overview": "总体情况", "penalty_decisions": "4", "fees_amount": "0"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.overview, report.penalty_decisions, report.updated_by) == ("总体情况", 4, office_user)


@pytest.mark.django_db
def test_submit_refused_shows_the_failing_cell(staff_client, office_user, make_report):
    report = make_report(2025, rules_in_force=None)
    client = staff_client(office_user)
    response = client.post(f"{LIST}{report.pk}/submit/", follow=True)
    assert "表二“规章”行“现行有效件数”尚未填写" in response.content.decode()


@pytest.mark.django_db
def test_submit_goes_to_the_publication_workflow(staff_client, office_user, make_report):
    report = make_report(2025)
    response = staff_client(office_user).post(f"{LIST}{report.pk}/submit/")
    assert response.status_code == 302 and response["Location"].startswith("/office/publishing/")


@pytest.mark.django_db
def test_table3_cells_link_to_the_foi_drill_down(staff_client, office_user, make_report, monkeypatch):
    from gongkai.foi_requests import statistics

    original = statistics.compute_table3

    def one(agency, year):
        table = original(agency, year)
        for row in ("new", "carried_out"):
            for col in ("natural_person", "total"):
                table.counts[(row, col)] = 1
        return table

    monkeypatch.setattr(statistics, "compute_table3", one)
    report = make_report(2025)
    page = staff_client(office_user).get(f"{LIST}{report.pk}/").content.decode()
    assert '/office/foi/statistics/cell/?year=2025&amp;row=new&amp;column=natural_person">1</a>' in page


@pytest.mark.django_db
def test_supervisor_reads_but_cannot_write(staff_client, supervisor, make_report):
    report = make_report(2025)
    client = staff_client(supervisor)
    assert client.get(LIST).status_code == 200
    assert client.get(f"{LIST}{report.pk}/").status_code == 200
    assert client.get(LIST + "new/").status_code == 403
    assert client.post(f"{LIST}{report.pk}/", {"overview": "改写"}).status_code == 403
    assert client.post(f"{LIST}{report.pk}/submit/").status_code == 403
    report.refresh_from_db()
    assert report.overview != "改写"


@pytest.mark.django_db
def test_drafters_and_anonymous_users_are_kept_out(client, staff_client, drafter, make_report):
    report = make_report(2025)
    assert client.get(f"{LIST}{report.pk}/").status_code == 302
    drafter_client = staff_client(drafter)
    for path in (LIST, LIST + "new/", f"{LIST}{report.pk}/"):
        assert drafter_client.get(path).status_code == 403


@pytest.mark.django_db
def test_another_agencys_report_is_not_found(staff_client, make_user, other_agency, make_report):
    from gongkai.accounts.roles import Role

    report = make_report(2025)
    outsider = make_user(Role.OPENNESS_OFFICE, agency=other_agency)
    client = staff_client(outsider)
    assert client.get(f"{LIST}{report.pk}/").status_code == 404
    assert client.post(f"{LIST}{report.pk}/submit/").status_code == 404
