"""Releases (发布日程): scheduling, confirmation, rescheduling with a new approval, content, versions."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import require, user_or_none
from gongkai.core import audit
from gongkai.core.errors import Conflict, InvalidTransition, NotFound, ValidationFailed

from ..models import (
    DatasetVersion,
    Release,
    ReleaseDateChange,
)
from .common import _agency_for


def create_release(
    *,
    actor,
    title: str,
    scheduled_at: datetime,
    agency=None,
    press_release: str = "",
    interpretation: str = "",
    confirmed: bool = False,
    department=None,
) -> Release:
    require(actor, "opendata.manage")
    agency = _agency_for(actor, agency)
    if timezone.is_naive(scheduled_at):
        raise ValidationFailed("发布时间须包含时区。", field="scheduled_at")
    with transaction.atomic():
        release = Release.objects.create(
            agency=agency,
            title=title,
            scheduled_at=scheduled_at.replace(second=0, microsecond=0),
            press_release=press_release,
            interpretation=interpretation,
            department=department,
            state=Release.State.CONFIRMED if confirmed else Release.State.PROVISIONAL,
            created_by=user_or_none(actor),
        )
        audit.record(
            actor=actor,
            verb="opendata.release_created",
            obj=release,
            agency=agency,
            after={"title": title, "scheduled_at": release.scheduled_at, "state": release.state},
        )
    return release


def _unreleased(release: Release, now: datetime) -> None:
    """Refuses to change a release that is public (its minute reached and approved). One whose minute
    passed without approval is not public and may still be moved (a delay is announced, not hidden)."""
    from ..selectors import released_releases

    if release.state == Release.State.CONFIRMED and released_releases(now).filter(pk=release.pk).exists():
        raise InvalidTransition("该发布已到发布时间，不能再修改；如需更正数据，请通过新的发布修订。")


def confirm_release(*, actor, release: Release) -> Release:
    require(actor, "opendata.manage", release, department_field=None)
    with transaction.atomic():
        release = Release.objects.select_for_update().get(pk=release.pk)
        if release.state != Release.State.PROVISIONAL:
            raise InvalidTransition("只有拟定的发布可以确定。")
        release.state = Release.State.CONFIRMED
        release.save(update_fields=["state"])
        audit.record(
            actor=actor, verb="opendata.release_confirmed", obj=release, after={"state": release.state}
        )
    return release


def reschedule_release(*, actor, release: Release, scheduled_at: datetime, note: str) -> Release:
    """A moved date keeps the old one and a public change note."""
    require(actor, "opendata.manage", release, department_field=None)
    note = (note or "").strip()
    if not note:
        raise ValidationFailed("调整发布时间须填写调整说明（将向社会公开）。", field="note")
    if timezone.is_naive(scheduled_at):
        raise ValidationFailed("发布时间须包含时区。", field="scheduled_at")
    now = timezone.now()
    if scheduled_at <= now:
        raise ValidationFailed("调整后的发布时间须晚于现在。", field="scheduled_at")
    with transaction.atomic():
        release = Release.objects.select_for_update().get(pk=release.pk)
        _unreleased(release, now)
        previous = release.scheduled_at
        release.scheduled_at = scheduled_at.replace(second=0, microsecond=0)
        release.save(update_fields=["scheduled_at"])
        _reopen_approval(actor, release, previous=previous, note=note)
        ReleaseDateChange.objects.create(
            release=release,
            previous_at=previous,
            new_at=release.scheduled_at,
            note=note,
            changed_at=now,
            actor=actor,
        )
        audit.record(
            actor=actor,
            verb="opendata.release_rescheduled",
            obj=release,
            before={"scheduled_at": previous},
            after={"scheduled_at": release.scheduled_at, "note": note},
        )
    return release


def _reopen_approval(actor, release: Release, *, previous: datetime, note: str) -> None:
    """An approval covers one minute: a release approved for the old minute goes back to 待领导审批, so
    it is never published at a minute the calendar does not show (issue 11 item 12)."""
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import open_workflow_for
    from gongkai.publishing.states import State

    workflow = open_workflow_for(release)
    if workflow is None or workflow.state != State.SCHEDULED:
        return
    publishing.reopen_approval(
        actor=actor,
        workflow=workflow,
        reason=(
            f"发布时间由 {timezone.localtime(previous):%Y-%m-%d %H:%M} 调整为 "
            f"{timezone.localtime(release.scheduled_at):%Y-%m-%d %H:%M}，须重新审批：{note}"
        ),
    )


def update_release_content(
    *, actor, release: Release, title=None, press_release=None, interpretation=None
) -> Release:
    require(actor, "opendata.manage", release, department_field=None)
    with transaction.atomic():
        release = Release.objects.select_for_update().get(pk=release.pk)
        _unreleased(release, timezone.now())
        for name, value in (
            ("title", title),
            ("press_release", press_release),
            ("interpretation", interpretation),
        ):
            if value is not None:
                setattr(release, name, value)
        release.save()
        audit.record(
            actor=actor, verb="opendata.release_updated", obj=release, after={"title": release.title}
        )
    return release


def attach_version(*, actor, release: Release, version: DatasetVersion) -> DatasetVersion:
    require(actor, "opendata.manage", release, department_field=None)
    if version.dataset.agency_id != release.agency_id:
        raise NotFound("没有找到该数据版本。")
    with transaction.atomic():
        version = DatasetVersion.objects.select_for_update().get(pk=version.pk)
        if version.release_id and version.release_id != release.pk:
            raise Conflict("该数据版本已随另一次发布公开或排期。")
        _unreleased(release, timezone.now())
        version.release = release
        version.save(update_fields=["release"])
        audit.record(
            actor=actor,
            verb="opendata.version_attached",
            obj=version,
            agency=release.agency,
            after={"release": release.pk},
        )
    return version
