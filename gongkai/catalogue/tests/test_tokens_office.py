import pytest

from gongkai.accounts.roles import Role
from gongkai.catalogue.models import ApiToken
from gongkai.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.CONFIDENTIALITY_REVIEWER, Role.APPROVER, Role.SUPERVISOR])
def test_every_member_of_staff_issues_a_token_shown_once_and_revokes_it(client, make_user, role):
    user = make_user(role)
    client.force_login(user)
    response = client.post("/office/catalogue/tokens/", {"label": "对接脚本"})
    html = response.content.decode()
    token = ApiToken.objects.get(user=user)
    raw = html.split('<code class="token-value">')[1].split("</code>")[0]
    assert raw.startswith("gk_") and raw not in client.get("/office/catalogue/tokens/").content.decode()
    assert client.get("/api/v1/workflows/queue", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    client.post(f"/office/catalogue/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get("/api/v1/workflows/queue", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert list(
        AuditEvent.objects.filter(verb__startswith="catalogue.api_token")
        .values_list("verb", flat=True)
        .order_by("id")
    ) == ["catalogue.api_token_issued", "catalogue.api_token_revoked"]


def test_nobody_revokes_someone_elses_token(client, make_user):
    owner, other = make_user(Role.DRAFTER), make_user(Role.ADMINISTRATOR)
    client.force_login(owner)
    client.post("/office/catalogue/tokens/", {"label": "x"})
    token = ApiToken.objects.get(user=owner)
    client.force_login(other)
    assert client.post(f"/office/catalogue/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_label_is_required(client, make_user):
    client.force_login(make_user(Role.DRAFTER))
    response = client.post("/office/catalogue/tokens/", {"label": ""})
    assert "这个字段是必填项" in response.content.decode()
    assert ApiToken.objects.count() == 0
