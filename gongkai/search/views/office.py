"""/office/search/: which backend answers, how many documents each type has in the index, and for a
query why each result ranked where it did (terms matched, boosts; issue 17)."""

from django.shortcuts import render

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.permissions import has_perm

from .. import registry
from ..interface import backend_name, get_backend, search


@permission_required("search.view_status")
def status(request):
    backend = get_backend()
    q = " ".join(request.GET.get("q", "").split())[:100]
    found = search(q) if q else None
    return render(
        request,
        "search/office_status.html",
        {
            "backend": backend_name(),
            "count": backend.count(),
            "types": registry.types(),
            "q": q,
            "found": found,
            "perms_synonyms": has_perm(request.user, "search.manage_synonyms"),
            "breadcrumb": [("站内搜索", None)],
        },
    )
