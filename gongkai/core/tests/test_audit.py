import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.core import audit
from gongkai.core.models import AuditEvent, AuditHead


def _events(agency, n=3):
    return [
        audit.record(actor=None, verb=f"thing.done{i}", obj=agency, after={"i": i, "名称": "测试"})
        for i in range(n)
    ]


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_events_form_a_chain(agency):
    first, second, third = _events(agency)
    assert first.prev_hash == audit.GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert AuditHead.objects.get().last_hash == third.hash
    report = audit.verify_chain()
    assert report.ok and report.checked == 3


@pytest.mark.django_db
def test_record_keeps_actor_object_and_values(agency, admin_user):
    event = audit.record(
        actor=admin_user,
        verb="site_settings.updated",
        obj=agency.site_settings,
        before={"phone": "1"},
        after={"phone": "2"},
    )
    event.refresh_from_db()
    assert event.actor == admin_user
    assert event.actor_label == "管理员甲"
    assert event.agency == agency
    assert event.object_type == "core.sitesettings"
    assert (event.before, event.after) == ({"phone": "1"}, {"phone": "2"})


@pytest.mark.django_db
def test_rows_cannot_be_changed_or_deleted_through_the_orm(agency):
    (event,) = _events(agency, 1)
    event.verb = "other"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


@pytest.mark.django_db
def test_altered_row_is_named(agency):
    events = _events(agency, 4)
    _raw("UPDATE core_auditevent SET verb = %s WHERE id = %s", ["thing.forged", events[1].pk])
    report = audit.verify_chain()
    assert not report.ok
    assert report.bad_event_id == events[1].pk
    assert report.checked == 1


@pytest.mark.django_db
def test_deleted_row_is_found_at_the_next_row(agency):
    events = _events(agency, 4)
    _raw("DELETE FROM core_auditevent WHERE id = %s", [events[1].pk])
    report = audit.verify_chain()
    assert (report.ok, report.bad_event_id) == (False, events[2].pk)


@pytest.mark.django_db
def test_deleted_last_row_is_found_through_the_head(agency):
    events = _events(agency, 3)
    _raw("DELETE FROM core_auditevent WHERE id = %s", [events[2].pk])
    report = audit.verify_chain()
    assert (report.ok, report.bad_event_id) == (False, events[2].pk)


@pytest.mark.django_db
def test_row_inserted_out_of_order_is_found(agency):
    """A forged row that claims to follow the first row, appended at the end."""
    events = _events(agency, 3)
    forged = AuditEvent(
        verb="thing.forged", created_at=events[0].created_at, prev_hash=events[0].hash, hash=""
    )
    forged.hash = audit.compute_hash(forged)
    _raw(
        "INSERT INTO core_auditevent (id, actor_label, verb, object_type, object_id, object_repr, created_at,"
        " prev_hash, hash) VALUES (%s, '', %s, '', '', '', %s, %s, %s)",
        [events[0].pk + 1000, forged.verb, forged.created_at, forged.prev_hash, forged.hash],
    )
    report = audit.verify_chain()
    assert not report.ok
    assert (report.bad_event_id, report.checked) == (events[0].pk + 1000, 3)


@pytest.mark.django_db
def test_verify_command_exit_codes(agency, capsys):
    events = _events(agency, 2)
    call_command("audit", "verify", "--quiet")
    assert "审计日志完整：已校验 2 条记录" in capsys.readouterr().out
    _raw("UPDATE core_auditevent SET after = %s WHERE id = %s", ['{"i": 99}', events[0].pk])
    with pytest.raises(SystemExit) as exc:
        call_command("audit", "verify", "--quiet")
    assert exc.value.code == 1
    assert f"#{events[0].pk}" in capsys.readouterr().err


@pytest.mark.django_db
def test_ip_comes_from_the_request(client, admin_user, agency):
    client.force_login(admin_user)
    client.post(
        "/office/accounts/departments/new/",
        {"name": "新处室", "code": "new-dept", "sort_order": 1, "is_active": "on"},
        REMOTE_ADDR="10.1.2.3",
    )
    event = AuditEvent.objects.get(verb="department.created")
    assert event.ip == "10.1.2.3"
