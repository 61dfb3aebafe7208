"""/office/search/: which backend answers and how many documents each type has in the index."""

from django.shortcuts import render

from gongkai.accounts.decorators import permission_required

from .. import registry
from ..interface import backend_name, get_backend


@permission_required("search.view_status")
def status(request):
    backend = get_backend()
    return render(
        request,
        "search/office_status.html",
        {
            "backend": backend_name(),
            "count": backend.count(),
            "types": registry.types(),
            "breadcrumb": [("站内搜索", None)],
        },
    )
