"""How the publication workflow handles 结果公开 records (ResultsConfig.ready())."""

from django.urls import reverse

from gongkai.confidentiality.scanner import Source
from gongkai.publishing.registry import PublishableAdapter

from . import services
from .models import Decision, Evaluation, Plan, Project, WorkReport


class _Adapter(PublishableAdapter):
    url_name = ""
    fields: tuple = ()

    def scan_sources(self, obj):
        return [
            Source(label=str(obj._meta.get_field(f).verbose_name), text=str(getattr(obj, f) or ""))
            for f in self.fields
        ], []

    def office_url(self, obj) -> str:
        # the office detail is one route for every kind (url_name is also the kind's slug there)
        return reverse("results_office:detail", args=[self.url_name, obj.pk])

    def public_url(self, obj) -> str:
        return reverse(f"results:{self.url_name}", args=[obj.pk])


class PlanAdapter(_Adapter):
    model, label, url_name, fields = Plan, "发展规划", "plan", ("title", "summary")


class WorkReportAdapter(_Adapter):
    model, label, url_name, fields = WorkReport, "政府工作报告任务分解", "work_report", ("title",)


class ProjectAdapter(_Adapter):
    model, label, url_name, fields = (
        Project,
        "为民办实事项目",
        "project",
        ("title", "description", "location", "outcome"),
    )


class DecisionAdapter(_Adapter):
    model, label, url_name, fields = (
        Decision,
        "重大决策执行",
        "decision",
        ("title", "document_title", "summary"),
    )


class EvaluationAdapter(_Adapter):
    model, label, url_name, fields = (
        Evaluation,
        "评估",
        "evaluation",
        ("title", "evaluator", "conclusion", "response"),
    )

    def check_publishable(self, obj, publish_at=None) -> None:
        services.check_public_subject(obj)


ADAPTERS = (PlanAdapter, WorkReportAdapter, ProjectAdapter, DecisionAdapter, EvaluationAdapter)
