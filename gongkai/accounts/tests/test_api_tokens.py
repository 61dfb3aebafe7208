"""API tokens live in accounts (issue 12, item 14; ADR 0033): issued once, stored hashed, revoked at once."""

import pytest

from gongkai.accounts.models import ApiToken
from gongkai.accounts.roles import Role
from gongkai.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.CONFIDENTIALITY_REVIEWER, Role.APPROVER, Role.SUPERVISOR])
def test_every_member_of_staff_issues_a_token_shown_once_and_revokes_it(client, make_user, role):
    user = make_user(role)
    client.force_login(user)
    response = client.post("/office/accounts/tokens/", {"label": "对接脚本"})
    html = response.content.decode()
    token = ApiToken.objects.get(user=user)
    raw = html.split('<code class="token-value">')[1].split("</code>")[0]
    assert raw.startswith("gk_") and raw not in client.get("/office/accounts/tokens/").content.decode()
    assert client.get("/api/v1/workflows/queue", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    client.post(f"/office/accounts/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get("/api/v1/workflows/queue", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert list(
        AuditEvent.objects.filter(verb__startswith="api_token.").values_list("verb", flat=True).order_by("id")
    ) == ["api_token.issued", "api_token.revoked"]


def test_nobody_revokes_someone_elses_token(client, make_user):
    owner, other = make_user(Role.DRAFTER), make_user(Role.ADMINISTRATOR)
    client.force_login(owner)
    client.post("/office/accounts/tokens/", {"label": "x"})
    token = ApiToken.objects.get(user=owner)
    client.force_login(other)
    assert client.post(f"/office/accounts/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_label_is_required(client, make_user):
    client.force_login(make_user(Role.DRAFTER))
    response = client.post("/office/accounts/tokens/", {"label": ""})
    assert "这个字段是必填项" in response.content.decode()
    assert ApiToken.objects.count() == 0


def test_the_old_address_of_the_screen_leads_to_the_new_one(client, make_user):
    client.force_login(make_user(Role.DRAFTER))
    response = client.get("/office/catalogue/tokens/")
    assert response.status_code == 301 and response["Location"] == "/office/accounts/tokens/"
    client.logout()
    assert client.get("/office/catalogue/tokens/")["Location"].startswith("/office/login/")


def test_only_the_hash_is_stored_and_a_token_issued_before_the_move_still_works(client, make_user):
    import hashlib

    user = make_user(Role.DRAFTER)
    raw = "gk_" + "x" * 43  # as issued by the catalogue before the move: same table, same hash
    ApiToken.objects.create(user=user, label="旧令牌", key_hash=hashlib.sha256(raw.encode()).hexdigest())
    assert ApiToken._meta.app_label == "accounts" and ApiToken._meta.db_table == "accounts_apitoken"
    assert client.get("/api/v1/workflows/queue", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    assert client.get("/api/v1/workflows/queue", HTTP_AUTHORIZATION="Bearer gk_wrong").status_code == 401
