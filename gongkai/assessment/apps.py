from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "gongkai.assessment"
    label = "assessment"
    verbose_name = "网站自查与绩效考核"

    def ready(self) -> None:
        from gongkai.annual_reports.drafts import register_problem_source
        from gongkai.core import work_panels

        from . import jobs  # noqa: F401
        from .annual import year_problems
        from .panels import assessment_panels, inspection_panels

        work_panels.register(inspection_panels)
        work_panels.register(assessment_panels)
        register_problem_source(year_problems)
