"""The API root keeps every path and OpenAPI operation id when a router moves between apps (ADR 0033)."""


def test_the_move_to_publishing_kept_every_path_and_operation_id():
    from gongkai.web.api import api

    paths = api.get_openapi_schema()["paths"]
    ids = {
        (path, method): op["operationId"]
        for path, methods in paths.items()
        if path.startswith("/api/v1/workflows")
        for method, op in methods.items()
    }
    assert ids == {
        ("/api/v1/workflows/queue", "get"): "gongkai_web_api_publishing_queue",
        ("/api/v1/workflows/{workflow_id}", "get"): "gongkai_web_api_publishing_detail",
        ("/api/v1/workflows/{workflow_id}/submit", "post"): "gongkai_web_api_publishing_submit",
        ("/api/v1/workflows/{workflow_id}/pass-review", "post"): "gongkai_web_api_publishing_pass_review",
        ("/api/v1/workflows/{workflow_id}/return", "post"): "gongkai_web_api_publishing_return_to_draft",
        ("/api/v1/workflows/{workflow_id}/approve", "post"): "gongkai_web_api_publishing_approve",
        ("/api/v1/workflows/{workflow_id}/withdraw", "post"): "gongkai_web_api_publishing_withdraw",
    }
