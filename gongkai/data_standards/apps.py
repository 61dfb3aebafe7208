from django.apps import AppConfig


class DataStandardsConfig(AppConfig):
    name = "gongkai.data_standards"
    label = "data_standards"
    verbose_name = "数据开放标准接口（SDMX、CKAN、DCAT、JSON-stat）"

    def ready(self) -> None:
        from gongkai.opendata import flowfiles

        from . import sdmxml

        # The whole-flow SDMX-ML file written after each release minute (issue 19 item 3).
        flowfiles.register_writer("sdmx", sdmxml.iter_data_message, sdmxml.DATA_CONTENT_TYPE)
