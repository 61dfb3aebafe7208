"""Standard data interfaces, mounted at the site root: /sdmx/2.1/, /api/3/action/, /catalog.{ttl,jsonld}."""

from django.urls import path, re_path

from gongkai.opendata.access import embargo_cached

from ..views import ckan, dcat, sdmx

SEG = r"[^/]+"
RESOURCE = r"(?P<resource>dataflow|datastructure|codelist|conceptscheme)"

urlpatterns = [
    re_path(rf"^sdmx/2\.1/{RESOURCE}/?$", sdmx.structure, name="sdmx_structure_all"),
    re_path(rf"^sdmx/2\.1/{RESOURCE}/(?P<agency_id>{SEG})/?$", sdmx.structure, name="sdmx_structure_agency"),
    re_path(
        rf"^sdmx/2\.1/{RESOURCE}/(?P<agency_id>{SEG})/(?P<resource_id>{SEG})/?$",
        sdmx.structure,
        name="sdmx_structure_id",
    ),
    re_path(
        rf"^sdmx/2\.1/{RESOURCE}/(?P<agency_id>{SEG})/(?P<resource_id>{SEG})/(?P<version>{SEG})/?$",
        sdmx.structure,
        name="sdmx_structure",
    ),
    re_path(rf"^sdmx/2\.1/data/(?P<flow_ref>{SEG})/?$", sdmx.data, name="sdmx_data_all"),
    re_path(rf"^sdmx/2\.1/data/(?P<flow_ref>{SEG})/(?P<key>{SEG})/?$", sdmx.data, name="sdmx_data"),
    re_path(
        rf"^sdmx/2\.1/data/(?P<flow_ref>{SEG})/(?P<key>{SEG})/(?P<provider_ref>{SEG})/?$",
        sdmx.data,
        name="sdmx_data_provider",
    ),
    re_path(r"^sdmx/2\.1/(?P<rest>.*)$", sdmx.not_found, name="sdmx_not_found"),
    # CKAN Action API: real CKAN serves both /api/3/action/ and /api/action/.
    path("api/3/action/<str:action>", ckan.action, name="ckan_action"),
    path("api/action/<str:action>", ckan.action, name="ckan_action_alias"),
    path("api/3", ckan.api_version, name="ckan_api_version"),
    path("catalog.ttl", dcat.catalog_turtle, name="dcat_turtle"),
    path("catalog.jsonld", dcat.catalog_jsonld, name="dcat_jsonld"),
    path("catalog.rdf", dcat.catalog_rdfxml, name="dcat_rdfxml"),
]

# Cache-Control bounded by the next release minute, as on the data pages (issue 12 item 10).
for _pattern in urlpatterns:
    _pattern.callback = embargo_cached(_pattern.callback)
