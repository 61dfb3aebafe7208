import io
from urllib.parse import quote

import pytest
from docx import Document

from gongkai.annual_reports import docx_export
from gongkai.annual_reports.docx_export import DOCX_CONTENT_TYPE, SECTIONS
from gongkai.foi_requests import statistics
from gongkai.foi_requests.outcomes import TABLE3_HEADER

LIST = "/office/annual-reports/"


def _open(content: bytes):
    doc = Document(io.BytesIO(content))
    paragraphs = [p.text for p in doc.paragraphs]
    cells = [[cell.text for cell in row.cells] for table in doc.tables for row in table.rows]
    return doc, paragraphs, cells


@pytest.fixture
def one_new_request(monkeypatch):
    """Table 三 with one request from a natural person, so that a non-zero number is in the snapshot."""
    real = statistics.compute_table3

    def one(agency, year):
        table = real(agency, year)
        for row in ("new", "carried_out"):  # 一 + 二 = 三（七）+ 四 still holds
            for column in ("natural_person", "total"):
                table.counts[(row, column)] = 1
        return table

    monkeypatch.setattr(statistics, "compute_table3", one)


@pytest.mark.django_db
def test_public_docx_is_the_snapshot(client, make_report, publish, one_new_request):
    report = publish(make_report(2025))
    report.snapshot["table2"]["penalty"] = 17  # the document shows the frozen figures, nothing recomputed
    report.save(update_fields=["snapshot"])
    response = client.get("/xxgk/ndbg/2025/docx/")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    doc, paragraphs, cells = _open(response.content)
    assert paragraphs[0] == "福州市统计局2025年政府信息公开工作年度报告" == report.title
    assert paragraphs[1] == docx_export.intro_text(2025)
    for heading, _field in SECTIONS:
        assert heading in paragraphs
    assert report.overview in paragraphs
    assert "草稿" not in "".join(paragraphs)
    table3 = doc.tables[4]
    assert table3.cell(0, 0).text == TABLE3_HEADER
    labels = [row.cells[0].text for row in table3.rows]
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in labels
    new = table3.rows[labels.index("一、本年新收政府信息公开申请数量")]
    assert [c.text for c in new.cells[3:]] == ["1", "0", "0", "0", "0", "0", "1"]
    assert ["行政处罚", "17"] in cells
    assert doc.tables[5].cell(0, 0).text == "行政复议"


@pytest.mark.django_db
def test_public_docx_has_a_chinese_file_name(client, make_report, publish):
    publish(make_report(2025))
    disposition = client.get("/xxgk/ndbg/2025/docx/")["Content-Disposition"]
    name = "福州市统计局2025年政府信息公开工作年度报告.docx"
    assert disposition.startswith('attachment; filename="')
    assert disposition.endswith("filename*=UTF-8''" + quote(name, safe=""))


@pytest.mark.django_db
def test_public_page_links_the_docx(client, make_report, publish):
    publish(make_report(2025))
    page = client.get("/xxgk/ndbg/2025/").content.decode()
    assert 'href="/xxgk/ndbg/2025/docx/"' in page
    assert docx_export.intro_text(2025) in page


@pytest.mark.django_db
def test_public_docx_404_for_a_draft_year(client, make_report):
    make_report(2025)
    assert client.get("/xxgk/ndbg/2025/docx/").status_code == 404
    assert client.get("/xxgk/ndbg/2024/docx/").status_code == 404


@pytest.mark.django_db
def test_office_downloads_a_draft_marked_as_such(staff_client, office_user, make_report):
    report = make_report(2025, complete=False)
    client = staff_client(office_user)
    assert f'href="{LIST}{report.pk}/docx/"' in client.get(f"{LIST}{report.pk}/").content.decode()
    response = client.get(f"{LIST}{report.pk}/docx/")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert response["Content-Disposition"].endswith(
        quote("福州市统计局2025年政府信息公开工作年度报告（草稿）.docx", safe="")
    )
    _doc, paragraphs, cells = _open(response.content)
    assert paragraphs[0] == "福州市统计局2025年政府信息公开工作年度报告（草稿）"
    for heading, _field in SECTIONS:
        assert heading in paragraphs
    assert ["规章", "未填写", "未填写", "未填写"] in cells  # the live tables, with the figures still missing
    assert ["行政处罚", "0"] in cells  # computed from the enforcement records (none this year)


@pytest.mark.django_db
def test_office_download_of_a_published_report_is_not_a_draft(staff_client, supervisor, make_report, publish):
    report = publish(make_report(2025))
    response = staff_client(supervisor).get(f"{LIST}{report.pk}/docx/")
    assert response.status_code == 200
    assert _open(response.content)[1][0] == report.title


@pytest.mark.django_db
def test_office_download_needs_the_view_permission(client, staff_client, drafter, make_report):
    report = make_report(2025)
    path = f"{LIST}{report.pk}/docx/"
    anonymous = client.get(path)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/office/login/")
    assert staff_client(drafter).get(path).status_code == 403


@pytest.mark.django_db
def test_office_download_of_another_agencys_report_is_not_found(
    staff_client, make_user, other_agency, make_report
):
    from gongkai.accounts.roles import Role

    report = make_report(2025)
    outsider = make_user(Role.OPENNESS_OFFICE, agency=other_agency)
    assert staff_client(outsider).get(f"{LIST}{report.pk}/docx/").status_code == 404
