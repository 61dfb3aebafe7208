"""Issue 12 item 17: Schemathesis against the OpenAPI schema at /api/v1/openapi.json.

Every operation gets a bounded number of generated requests (EXAMPLES each, deterministic), anonymous
and with a staff token; the test asserts no answer is a 5xx and every 4xx is problem JSON (RFC 9457).
Runs on SQLite and PostgreSQL like the rest of the suite, in well under a minute, in `PARTS` parts (every
PARTS-th operation each; the examples are derandomised, so an operation gets the same requests in any
part) that pytest-xdist spreads over its workers.
"""

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings

from gongkai.accounts.roles import Role

# Each request commits on its own as in production (a refused value must not abort a shared transaction).
pytestmark = pytest.mark.django_db(transaction=True)
EXAMPLES = 5
PARTS = 4
PROBLEM = "application/problem+json"


def _header(response, name: str) -> str:
    value = response.headers.get(name.lower()) or response.headers.get(name) or ""
    return value[0] if isinstance(value, list) else value


def _problem_errors(response) -> list[str]:
    status = response.status_code
    if status >= 500:
        return [f"{status} server error"]
    if status < 400:
        return []
    content_type = _header(response, "Content-Type")
    if not content_type.startswith(PROBLEM):
        return [f"{status} with Content-Type {content_type!r}, not problem JSON"]
    try:
        body = json.loads(response.content)
    except ValueError:
        return [f"{status} problem body is not JSON"]
    if body.get("status") != status or not body.get("title") or not body.get("type"):
        return [f"{status} problem body lacks status/title/type: {body}"]
    return []


@pytest.fixture
def staff_token(make_user, department):
    from gongkai.accounts.services import issue_api_token

    user = make_user(Role.OPENNESS_OFFICE, department=department)
    _, raw = issue_api_token(actor=user, label="schemathesis")
    return raw


@pytest.mark.parametrize("part", range(PARTS))
def test_every_operation_answers_without_5xx_and_errors_as_problem_json(agency, staff_token, settings, part):
    from django.core.cache import cache
    from django.core.handlers.wsgi import WSGIHandler

    application = WSGIHandler()  # built now, with this test's settings
    settings.GONGKAI_DATA_RATE_LIMIT = 100_000  # the fuzzer is not what the rate limit is about
    cache.clear()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    failures: dict[str, list[str]] = {}
    operations = 0
    for index, result in enumerate(schema.get_all_operations()):
        operation = result.ok()
        operations += 1
        if index % PARTS != part:
            continue
        label = f"{operation.method.upper()} {operation.path}"

        _fuzz(operation, label, staff_token, failures)
    print(f"schemathesis: {operations} operations, {EXAMPLES} examples each, anonymous and with a token")
    assert operations >= 20, operations
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=1)


def _fuzz(operation, label: str, staff_token: str, failures: dict) -> None:
    @settings_for_fuzz
    @given(case=operation.as_strategy())
    def run(case):
        for headers in ({}, {"Authorization": f"Bearer {staff_token}"}):
            response = case.call(headers=headers)
            errors = _problem_errors(response)
            if errors:
                failures.setdefault(label, []).append(
                    f"{errors[0]} — {case.method} {case.formatted_path} query={case.query} body={case.body!r}"[
                        :400
                    ]
                )

    run()


settings_for_fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
