"""The one secret-link helper (issue 12, item 13; ADR 0032)."""

import hashlib

from django.http import HttpResponse

from gongkai.core import secret_links


def test_a_new_token_is_long_random_and_url_safe():
    tokens = {secret_links.new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(t) == 32 and t.replace("-", "").replace("_", "").isalnum() for t in tokens)


def test_only_the_sha256_is_stored_and_it_matches_only_its_token():
    token = secret_links.new_token()
    stored = secret_links.hash_token(token)
    assert stored == hashlib.sha256(token.encode()).hexdigest() and token not in stored
    assert secret_links.matches(stored, token)
    assert not secret_links.matches(stored, token[:-1] + ("A" if token[-1] != "A" else "B"))
    assert not secret_links.matches(stored, "")
    assert not secret_links.matches("", "")  # an empty stored hash (no link issued) never matches
    assert not secret_links.matches(stored, token + "x" * 64)  # over-long input is refused


def test_redact_removes_link_tokens_from_a_message_and_keeps_the_rest():
    token = secret_links.new_token()
    body = (
        f"申请编号 YSQ2026-0001\n请见：\nhttp://x.test/xxgk/ysqgk/track/YSQ2026-0001/{token}/\n福州市统计局"
    )
    redacted = secret_links.redact(body)
    assert token not in redacted
    assert "YSQ2026-0001" in redacted and secret_links.REDACTED in redacted and "福州市统计局" in redacted


def test_private_response_is_never_cached_indexed_or_sent_as_a_referrer():
    response = secret_links.private(HttpResponse("x"))
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    decorated = secret_links.private_page(lambda request: HttpResponse("y"))
    assert decorated(None)["Cache-Control"] == "private, no-store"
