"""How the publication workflow handles a questionnaire and its result report (SurveysConfig.ready())."""

from django.urls import reverse

from gongkai.confidentiality.scanner import Source
from gongkai.publishing.registry import PublishableAdapter

from . import services
from .models import ResultReport, Survey


class SurveyAdapter(PublishableAdapter):
    model = Survey
    label = "调查问卷"

    def scan_sources(self, obj):
        sources = [Source(label="调查名称", text=obj.title), Source(label="调查说明", text=obj.introduction)]
        for q in obj.questions.all():
            sources.append(Source(label=f"题目：{q.text[:20]}", text="\n".join([q.text, q.options, q.rows])))
        return sources, []

    def check_publishable(self, obj, publish_at=None) -> None:
        services.check_survey_publishable(obj)

    def title(self, obj) -> str:
        return f"调查征集：{obj.title}"

    def office_url(self, obj) -> str:
        return reverse("surveys_office:detail", args=[obj.pk])

    def public_url(self, obj) -> str:
        return reverse("surveys:detail", args=[obj.pk])


class ResultReportAdapter(PublishableAdapter):
    model = ResultReport
    label = "调查结果"

    def scan_sources(self, obj):
        sources = [Source(label="结果说明", text=obj.introduction)] if obj.introduction else []
        for q in obj.snapshot.get("questions", []):
            for text in q.get("texts", []):
                sources.append(Source(label=f"网民回答：{q['text'][:20]}", text=text))
        return sources, []

    def check_publishable(self, obj, publish_at=None) -> None:
        services.check_report_publishable(obj)

    def title(self, obj) -> str:
        return obj.title

    def office_url(self, obj) -> str:
        return reverse("surveys_office:detail", args=[obj.survey_id])

    def public_url(self, obj) -> str:
        return reverse("surveys:results", args=[obj.survey_id])

    def agency_of(self, obj):
        return obj.survey.agency

    def department_of(self, obj):
        return obj.survey.department
