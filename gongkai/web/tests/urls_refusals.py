"""A URLconf for the refusal-audit tests: a protected action that writes, then is refused by the guard,
and shows the refusal beside the form as office views do (issue 11.14)."""

from django.db import transaction
from django.http import HttpResponse
from django.urls import path

from gongkai.accounts.guard import require
from gongkai.accounts.models import Department
from gongkai.core.errors import DomainError


def rename_department(request, pk):
    department = Department.objects.get(pk=pk)
    try:
        with transaction.atomic():
            Department.objects.filter(pk=pk).update(name="改名后的处室")  # rolled back by the refusal
            require(request.user, "departments.manage", department)
    except DomainError as exc:
        return HttpResponse(exc.message, status=422)
    return HttpResponse("ok")


urlpatterns = [path("rename/<int:pk>/", rename_department)]
