import pytest

from gongkai.foi_requests.outcomes import TABLE3_HEADER, TABLE3_ROWS


@pytest.mark.django_db
def test_public_list_has_an_empty_state(client, agency):
    response = client.get("/xxgk/ndbg/")
    assert response.status_code == 200
    assert "暂无已发布的年度报告。" in response.content.decode()


@pytest.mark.django_db
def test_the_column_is_listed_under_xxgk(client, agency):
    page = client.get("/xxgk/").content.decode()
    assert 'href="/xxgk/ndbg/"' in page


@pytest.mark.django_db
def test_a_draft_is_not_public(client, make_report):
    make_report(2025)
    assert client.get("/xxgk/ndbg/2025/").status_code == 404
    assert "暂无已发布的年度报告。" in client.get("/xxgk/ndbg/").content.decode()


@pytest.mark.django_db
def test_public_report_renders_six_sections_and_the_tables(client, make_report, publish):
    report = publish(make_report(2025))
    page = client.get("/xxgk/ndbg/").content.decode()
    assert f'href="/xxgk/ndbg/2025/">{report.title}</a>' in page
    page = client.get("/xxgk/ndbg/2025/").content.decode()
    for heading in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ):
        assert f">{heading}</h2>" in page
    assert f'<th scope="col" rowspan="3" colspan="3">{TABLE3_HEADER}</th>' in page
    for row in TABLE3_ROWS:
        assert f'<th scope="row" colspan="3">{row.label}</th>' in page
    for label in (
        "第二十条第（一）项",
        "行政规范性文件",
        "行政许可",
        "行政强制",
        "本年收费金额（单位：万元）",
    ):
        assert label in page
    assert "/office/foi/" not in page  # no drill-down links for the public


@pytest.mark.django_db
def test_api_lists_published_reports_newest_first(client, make_report, publish):
    publish(make_report(2024))
    publish(make_report(2025))
    make_report(2026)
    response = client.get("/api/v1/annual-reports")
    assert response.status_code == 200
    assert [r["year"] for r in response.json()] == [2025, 2024]


@pytest.mark.django_db
def test_api_detail_is_the_snapshot(client, make_report, publish):
    report = publish(make_report(2025))
    body = client.get("/api/v1/annual-reports/2025").json()
    assert body["year"] == 2025
    assert body["tables"] == report.snapshot
    assert body["tables"]["table2"]["penalty"] == 3
    assert body["sections"]["overview"] == report.overview


@pytest.mark.django_db
def test_api_detail_404_is_problem_json(client, agency, make_report):
    make_report(2025)  # a draft is not public either
    response = client.get("/api/v1/annual-reports/2025")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"
    assert response.json()["title"] == "没有找到2025年的年度报告。"


@pytest.mark.django_db
def test_published_report_is_searchable(make_report, publish):
    from gongkai.annual_reports.search import document_for

    draft = make_report(2026)
    assert document_for(draft) is None
    report = publish(make_report(2025))
    doc = document_for(report)
    assert doc.url == "/xxgk/ndbg/2025/" and doc.year == 2025
