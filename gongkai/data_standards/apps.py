from django.apps import AppConfig


class DataStandardsConfig(AppConfig):
    name = "gongkai.data_standards"
    label = "data_standards"
    verbose_name = "数据开放标准接口（SDMX、CKAN、DCAT、JSON-stat）"
