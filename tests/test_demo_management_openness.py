"""The demo as the issue asks: table 二 of the 2025 report shows the computed enforcement counts, the
demo draw re-runs to the same result, the dishonesty listing expires, every new public column has content."""

from django.test import Client
from django.utils import timezone


def test_demo_management_and_service_openness(demo):
    from gongkai.enforcement import draw, selectors
    from gongkai.enforcement.models import Inspection

    client = Client()
    html = client.get("/xxgk/ndbg/2025/").content.decode()
    # 4 penalty decisions of 2025 in the demo records; none of licensing or coercion.
    assert (
        '<th scope="row">行政处罚</th><td>4<span class="ar-source">由平台执法决定记录计算</span></td>' in html
    )
    assert (
        '<th scope="row">行政许可</th><td>0<span class="ar-source">由平台执法决定记录计算</span></td>' in html
    )
    assert "手工填写（林晓，" in html  # the typed fee figure, with who and when

    inspection = Inspection.objects.get()
    again = draw.draw(
        seed=inspection.seed,
        objects=inspection.object_pool,
        inspectors=inspection.inspector_pool,
        object_count=inspection.object_count,
        inspector_count=inspection.inspector_count,
    )
    assert (list(again.objects), list(again.inspectors)) == (
        inspection.drawn_objects,
        inspection.drawn_inspectors,
    )

    agency = demo["agency"]
    listing = selectors.public_listings(agency).get()
    assert list(selectors.public_listings(agency, now=listing.ends_at)) == []
    assert listing.ends_at - timezone.now() < timezone.timedelta(days=4)

    section = client.get("/bsfw/").content.decode()
    assert "建设中" not in section
    for path, text in (
        ("/bsfw/bszn/", "统计资料查询"),
        ("/bsfw/bszn/TJFW-002/", "统计违法举报受理办事指南"),
        ("/bsfw/zfgs/", "福州闽江电子科技有限公司"),
        ("/bsfw/zfgs/certificate/?number=35010023001", "林一鸣"),
        ("/bsfw/sjgk/", "2026年第一批统计执法“双随机”抽查"),
        ("/bsfw/sxqy/", "福州某某实业有限公司"),
        ("/bsfw/qzqd/diff/", "统计造假专项治理检查"),
    ):
        assert text in client.get(path).content.decode(), path
    # The individual's name and ID number never reach the public pages.
    assert "王小明" not in client.get("/bsfw/zfgs/").content.decode()
