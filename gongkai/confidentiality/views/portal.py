"""Public page: 不予公开事项清单 (negative list), under 政府信息公开."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.core.pagecache import memoised

from .. import selectors


@require_GET
def negative_list(request):
    agency = request.agency
    # The same for every reader until a committed write ends the page-cache generation (ADR 0043).
    entries = memoised(
        f"confidentiality.negative_list:{agency.pk}", lambda: list(selectors.negative_list(agency))
    )
    return render(
        request,
        "confidentiality/negative_list.html",
        {
            "entries": entries,
            "updated_at": max((e.updated_at for e in entries), default=None),
            "breadcrumb": [("不予公开事项清单", None)],
        },
    )
