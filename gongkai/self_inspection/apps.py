from django.apps import AppConfig


class SelfInspectionConfig(AppConfig):
    name = "gongkai.self_inspection"
    label = "self_inspection"
    verbose_name = "年度自查"
