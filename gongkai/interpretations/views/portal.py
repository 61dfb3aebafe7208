"""The public 政策解读 pages. Only public interpretations of public policies are ever read."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from gongkai.catalogue.views.portal import content_disposition
from gongkai.core.pagecache import memoised

from .. import selectors
from ..models import Form

PAGE_SIZE = 20
ZCJD = ("政策解读", "/zcjd/")
COLUMNS = {  # url name → (form, title); the labels are the 栏目 of the site map (web/sections.py)
    "list": ("", "政策解读"),
    "texts": (Form.TEXT, "文字解读"),
    "graphics": (Form.GRAPHIC, "图解"),
    "qa": (Form.QA, "问答"),
    "media": (Form.MEDIA, "音视频解读"),
    "interviews": (Form.INTERVIEW, "在线访谈"),
}


def _agency(request):
    agency = getattr(request, "agency", None)
    if not agency:
        raise Http404("没有可显示的机关。")
    return agency


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _list(request, column: str):
    agency = _agency(request)
    fixed_form, title = COLUMNS[column]
    form = fixed_form or request.GET.get("form", "")
    year = _int(request.GET.get("year"))
    q = request.GET.get("q", "").strip()[:100]
    number = request.GET.get("page")

    def listing():
        qs = selectors.filter_public(selectors.public_interpretations(agency), form=form, year=year, q=q)
        page = Paginator(qs, PAGE_SIZE).get_page(number)
        page.object_list = list(page.object_list)
        page.paginator.count  # noqa: B018 - evaluated once, kept with the page
        return page, selectors.public_years(agency)

    # Without a typed query the list is the same for everyone until a committed write (ADR 0043).
    key = f"interpretations:{agency.pk}:{form}:{year}:{number}"
    page, years = listing() if q else memoised(key, listing)
    return render(
        request,
        "interpretations/portal/list.html",
        {
            "page_title": title,
            "breadcrumb": [ZCJD, (title, "")] if fixed_form else [(title, "")],
            "page": page,
            "count": page.paginator.count,
            "forms": Form.choices,
            "fixed_form": fixed_form,
            "years": years,
            "selected": {"form": form, "year": year, "q": q},
            "list_url": reverse(f"interpretations:{column}"),
            "feed_url": reverse("interpretations:feed_rss"),
            "columns": [
                (reverse(f"interpretations:{name}"), label, name == column)
                for name, (_f, label) in COLUMNS.items()
                if name != "list"
            ],
        },
    )


def interpretations(request):
    return _list(request, "list")


def texts(request):
    return _list(request, "texts")


def graphics(request):
    return _list(request, "graphics")


def qa(request):
    return _list(request, "qa")


def media(request):
    return _list(request, "media")


def interviews(request):
    return _list(request, "interviews")


def _public(request, pk):
    interpretation = selectors.public_interpretations(_agency(request)).filter(pk=pk).first()
    if interpretation is None:
        raise Http404("没有找到该解读。")
    return interpretation


def detail(request, pk: int):
    agency = _agency(request)

    def context():
        interpretation = selectors.public_interpretations(agency).filter(pk=pk).first()
        if interpretation is None:
            return None
        policy = selectors.policy_revision_public(interpretation.policy)
        others = [i for i in selectors.public_for_policy(interpretation.policy) if i.pk != interpretation.pk]
        return {
            "page_title": interpretation.title,
            "interpretation": interpretation,
            "policy": policy,
            "qa_pairs": list(interpretation.qa_pairs.all()),
            "others": others,
            "breadcrumb": [ZCJD, (interpretation.title, "")],
        }

    # The same for every reader until a committed write ends the page-cache generation (ADR 0043); so
    # is whether it is public at all (a withdrawal is a write, an embargo minute a schedule).
    found = memoised(f"interpretations.detail:{agency.pk}:{pk}", context)
    if found is None:
        raise Http404("没有找到该解读。")
    return render(request, "interpretations/portal/detail.html", found)


def _file(field, name: str, mime: str, *, inline: bool):
    try:
        with field.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        raise Http404("该文件暂时无法获取。") from None
    response = HttpResponse(data, content_type=mime or "application/octet-stream")
    disposition = content_disposition(name or "file")
    response["Content-Disposition"] = (
        disposition.replace("attachment;", "inline;", 1) if inline else disposition
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def image(request, pk: int):
    interpretation = _public(request, pk)
    if not interpretation.image:
        raise Http404("该解读没有图片。")
    return _file(interpretation.image, interpretation.image_name, interpretation.image_mime, inline=True)


def media_file(request, pk: int):
    interpretation = _public(request, pk)
    if not interpretation.media_file:
        raise Http404("该解读没有音视频文件。")
    return _file(interpretation.media_file, interpretation.media_name, interpretation.media_mime, inline=True)
