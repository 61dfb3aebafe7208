from django.apps import AppConfig


class CityConfig(AppConfig):
    """城市平台 (政府网站集约化, issue 18): the city portal, the agency directory, the platform
    administration of agencies and the per-agency rules screen (ADR 0037, 0038, 0039)."""

    name = "gongkai.city"
    label = "city"
    verbose_name = "城市平台"
