"""How the publication workflow handles 执行公开 records (KeyTasksConfig.ready())."""

from django.urls import reverse

from gongkai.confidentiality.scanner import Source
from gongkai.publishing.registry import PublishableAdapter

from . import services
from .models import CaseNotice, Finding, KeyTask, ProgressUpdate


def _read(field) -> bytes:
    try:
        with field.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        return b""


class TaskAdapter(PublishableAdapter):
    model = KeyTask
    label = "重点任务"

    def scan_sources(self, obj):
        sources = [Source(label="任务名称", text=obj.title), Source(label="工作目标", text=obj.target)]
        sources += [Source(label=f"节点：{m.title}", text=m.title) for m in obj.milestones.all()]
        return sources, []

    def office_url(self, obj) -> str:
        return reverse("key_tasks_office:task", args=[obj.pk])

    def public_url(self, obj) -> str:
        return reverse("key_tasks:task", args=[obj.pk])


class ProgressAdapter(PublishableAdapter):
    model = ProgressUpdate
    label = "重点任务进展"

    def scan_sources(self, obj):
        files = [(e.original_name, _read(e.file)) for e in obj.evidence.all()]
        return [Source(label="进展情况", text=obj.text)], files

    def check_publishable(self, obj, publish_at=None) -> None:
        services.check_update_publishable(obj)

    def title(self, obj) -> str:
        return f"{obj.task.title} · 进展（{obj.reported_on:%Y-%m-%d}）"

    def office_url(self, obj) -> str:
        return reverse("key_tasks_office:task", args=[obj.task_id])

    def public_url(self, obj) -> str:
        return reverse("key_tasks:task", args=[obj.task_id])

    def agency_of(self, obj):
        return obj.task.agency

    def department_of(self, obj):
        return obj.task.department


class FindingAdapter(PublishableAdapter):
    model = Finding
    label = "督查发现问题及整改落实情况"

    def scan_sources(self, obj):
        sources = [Source(label="问题描述", text=obj.description)]
        files = []
        for rect in obj.rectifications.filter(decision="confirmed"):
            sources += [
                Source(label="整改措施", text=rect.measures),
                Source(label="整改结果", text=rect.result),
            ]
            if rect.evidence:
                files.append((rect.evidence_name or "佐证材料", _read(rect.evidence)))
        return sources, files

    def check_publishable(self, obj, publish_at=None) -> None:
        services.check_finding_publishable(obj)

    def title(self, obj) -> str:
        return f"督查发现问题及整改落实情况：{obj.title}"

    def office_url(self, obj) -> str:
        return reverse("key_tasks_office:finding", args=[obj.pk])

    def public_url(self, obj) -> str:
        return reverse("key_tasks:finding", args=[obj.pk])


class CaseNoticeAdapter(PublishableAdapter):
    model = CaseNotice
    label = "问责典型案例通报"

    def scan_sources(self, obj):
        return [
            Source(label="通报标题", text=obj.title),
            Source(label="基本案情", text=obj.facts),
            Source(label="处理结果", text=obj.handling),
        ], []

    def check_publishable(self, obj, publish_at=None) -> None:
        services.check_notice_publishable(obj)

    def office_url(self, obj) -> str:
        return reverse("key_tasks_office:notice", args=[obj.pk])

    def public_url(self, obj) -> str:
        return reverse("key_tasks:notice", args=[obj.pk])
