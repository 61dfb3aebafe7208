"""What the consultation screens share: the breadcrumbs, opening a consultation the user may see,
and CSV downloads."""

import csv

from django.http import Http404, HttpResponse
from django.urls import reverse

from ... import selectors

LIST = ("征求意见", "/office/consultations/")


def _get(user, pk):
    consultation = selectors.get_consultation(user, pk)
    if consultation is None:
        raise Http404("没有找到该征求意见。")
    return consultation


def _crumbs(c, label):
    return [LIST, (c.title, reverse("consultations_office:detail", args=[c.pk])), (label, None)]


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with the BOM
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return response
