from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.permissions import has_perm
from gongkai.core.work_panels import Panel

from .models import Verdict
from .selectors import latest_run


def inspection_panels(user) -> list[Panel]:
    """The indicators off track in the latest website self-inspection."""
    if not has_perm(user, "assessment.view"):
        return []
    run = latest_run(user.agency)
    if run is None:
        return []
    url = reverse("assessment_office:run", args=[run.pk])
    items = [
        (f"{r.name}：{r.get_verdict_display()}", url + f"#{r.code}", r.summary)
        for r in run.results.filter(verdict__in=[Verdict.FAIL, Verdict.WARNING])
    ]
    return [
        Panel(
            title=f"网站自查（{timezone.localtime(run.checked_at):%Y-%m-%d %H:%M}）",
            items=items,
            empty_text="最近一次网站自查各项指标均合格。",
            more_url=reverse("assessment_office:home"),
        )
    ]


def assessment_panels(user) -> list[Panel]:
    """The assessment dashboard (openness office, leaders, supervisors): the measures below their target
    in the current period with the records behind each, and the last twelve months as charts."""
    if not has_perm(user, "assessment.view"):
        return []
    from .dashboard import dashboard
    from .models import Scheme

    scheme = Scheme.objects.filter(agency=user.agency).first()
    board = dashboard(user.agency, scheme)
    return [
        Panel(
            title=f"绩效考核看板（{board['period'].label}）",
            empty_text="本期各项考核指标均已达标。",
            more_url=reverse("assessment_office:scores") + f"?period={board['period'].key}",
            template="assessment/office/_dashboard.html",
            context=board,
        )
    ]
