"""政务新媒体: the agency's accounts with their QR codes (public register, 国办发〔2018〕123号)."""

import io

import segno
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.core.pagecache import memoised
from gongkai.core.selectors import public_agency

from .. import selectors


def _agency(request):
    agency = getattr(request, "agency", None) or public_agency()
    if agency is None:
        raise Http404
    return agency


def accounts(request):
    agency = _agency(request)
    return render(
        request,
        "newmedia/portal/accounts.html",
        {
            "page_title": "政务新媒体",
            "breadcrumb": [("新闻发布", "/xwfb/"), ("政务新媒体", None)],
            "accounts": memoised(
                f"newmedia.accounts:{agency.pk}",
                lambda: list(selectors.public_accounts(agency).select_related("department")),
            ),
        },
    )


@require_GET
def qr(request, pk):
    account = selectors.public_accounts(_agency(request)).filter(pk=pk).first()
    if account is None:
        raise Http404
    if account.qr_image:
        try:
            with account.qr_image.open("rb") as handle:
                data = handle.read()
        except OSError:
            data = b""
        if data:
            kind = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
            return HttpResponse(data, content_type=kind, headers={"X-Content-Type-Options": "nosniff"})
    if not account.url:
        raise Http404
    out = io.BytesIO()
    segno.make(account.url, error="m").save(out, kind="svg", scale=4, dark="#1f2d3d", xmldecl=False)
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")
