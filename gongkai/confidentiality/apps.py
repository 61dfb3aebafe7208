from django.apps import AppConfig


class ConfidentialityConfig(AppConfig):
    name = "gongkai.confidentiality"
    label = "confidentiality"
    verbose_name = "保密审查与负面清单"
