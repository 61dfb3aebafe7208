from django.contrib import messages
from django.shortcuts import redirect, render

from gongkai.accounts.decorators import office_required
from gongkai.core.errors import DomainError

from .. import services
from ..forms import PreferenceForm


@office_required
def preferences(request):
    current = services.preference_for(request.user)
    initial = {
        "by_email": current.by_email,
        "by_sms": current.by_sms,
        "mobile": current.mobile,
        "daily_digest": current.daily_digest,
    }
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_preference(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已保存通知设置。")
            return redirect("notifications_office:preferences")
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": "我的通知设置",
            "submit_label": "保存",
        },
    )
