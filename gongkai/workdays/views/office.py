from django.http import HttpResponse


def year_list(request):  # placeholder until the workdays screens land
    return HttpResponse("工作日历")
