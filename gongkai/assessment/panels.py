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
