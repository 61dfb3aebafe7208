from datetime import UTC, datetime, timedelta

from gongkai.core import jobs


def test_due_jobs_run_once_per_interval_and_failures_are_isolated(monkeypatch):
    monkeypatch.setattr(jobs, "_registry", {})
    calls = []

    @jobs.register("test.ok", every=timedelta(minutes=5))
    def ok(now):
        calls.append(now)
        return "done"

    @jobs.register("test.broken", every=timedelta(minutes=5))
    def broken(now):
        raise ValueError("boom")

    t0 = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
    results = jobs.run_due_jobs(t0)
    assert results["test.ok"] == "done"
    assert isinstance(results["test.broken"], ValueError)
    assert jobs.run_due_jobs(t0 + timedelta(minutes=1)) == {}
    assert set(jobs.run_due_jobs(t0 + timedelta(minutes=5))) == {"test.ok", "test.broken"}
    assert calls == [t0, t0 + timedelta(minutes=5)]
