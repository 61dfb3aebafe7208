"""Office screens of the 权责清单: import with line errors shown, exports, item forms."""

import pytest

from gongkai.responsibilities.models import ListVersion

from .conftest import xlsx_bytes

pytestmark = pytest.mark.django_db


def test_import_screen_lists_every_line_error_and_imports_nothing(staff_client, office_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = xlsx_bytes(
        [["职权编码", "职权名称", "职权类型", "行使主体", "法律依据"], ["A", "", "处罚", "局", "法"]]
    )
    client = staff_client(office_user)
    html = client.post(
        "/office/responsibilities/import/",
        {"change_note": "导入", "effective_on": "2026-07-01", "file": SimpleUploadedFile("qd.xlsx", data)},
    ).content.decode()
    assert "第 2 行：职权名称不能为空。" in html
    assert not ListVersion.objects.exists()


def test_version_screen_exports(staff_client, office_user, first_version):
    client = staff_client(office_user)
    assert "QL-CF-001" in client.get(f"/office/responsibilities/v/{first_version.pk}/").content.decode()
    csv = client.get(f"/office/responsibilities/v/{first_version.pk}/export/?format=csv").content.decode(
        "utf-8-sig"
    )
    assert (
        csv.splitlines()[0]
        == "职权编码,职权名称,职权类型,行使主体,法律依据,职权内容,责任事项,追责情形,办理流程"
    )
    assert (
        client.get(f"/office/responsibilities/v/{first_version.pk}/export/?format=xlsx").content[:2] == b"PK"
    )
    assert client.get("/office/responsibilities/").status_code == 200
    assert client.get("/office/responsibilities/adjust/").status_code == 200
