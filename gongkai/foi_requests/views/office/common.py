"""What the office screens share: the breadcrumb and opening a request the user may see."""

from django.http import Http404

from gongkai.core.errors import NotFound

from ... import selectors
from ...models import FoiRequest

BREADCRUMB = [("依申请公开", "/office/foi/")]


def _request(user, pk) -> FoiRequest:
    try:
        return selectors.request_for_staff(user, pk)
    except NotFound:
        raise Http404("没有找到该申请。")
