"""Issue 18 demo (cityops part): one agency reports its 2025 tables by XLSX upload, one reports late,
one is missing; a request forwarded between two agencies; the city office's user sees the overview."""

from django.test import Client

from gongkai.demo.loader import load_demo


def test_city_demo_has_an_upload_a_late_report_a_forward_and_the_city_office(demo):
    load_demo()  # idempotent: a second load adds nothing
    from gongkai.accounts.models import User
    from gongkai.cityops import selectors
    from gongkai.cityops.models import SupervisionNotice, TableSubmission
    from gongkai.foi_requests.models import FoiRequest

    assert TableSubmission.objects.filter(year=2025, source="upload").count() == 1
    states = {line.agency.name: line for line in selectors.returns(2025)}
    assert (
        states["福州市住房和城乡建设局"].source == "upload"
        and states["福州市住房和城乡建设局"].state == "on_time"
    )
    assert states["福州市鼓楼区人民政府"].state == "late"
    assert states["福州市财政局"].state == "missing_late"
    assert states["福州市统计局"].source == "platform"
    forwarded = FoiRequest.objects.get(forwarded_from__isnull=False)
    assert forwarded.agency.name == "福州市财政局" and forwarded.status == "in_progress"
    assert SupervisionNotice.objects.count() == 3
    client = Client()
    client.force_login(User.objects.get(username="shigongkai"))
    page = client.get("/office/city/annual-reports/?year=2025").content.decode()
    assert "逾期报送" in page and "上传 XLSX 模板" in page and "未报送（已逾期）" in page
    overview = client.get("/office/city/").content.decode()
    assert "福州市统计局" in overview and "超期 1" in overview
