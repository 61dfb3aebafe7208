from django.urls import path

from ..views import office

urlpatterns = [path("", office.preferences, name="preferences")]
