"""The city portal's own facts (issue 18 item 2): the footer identifiers of the city's site, which are
not those of any agency on the platform (SITE.md: 主办单位, 地址, 电话, 网站标识码, ICP备案号, 公安备案号)."""

from django.db import models


class PortalSettings(models.Model):
    """One row: the footer of the city portal, set by the platform administrator. Empty fields are not
    shown (a portal that has no 网站标识码 yet shows none, never an agency's)."""

    host_organisation = models.CharField("主办单位", max_length=100, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    postcode = models.CharField("邮编", max_length=6, blank=True)
    phone = models.CharField("联系电话", max_length=60, blank=True)
    website_code = models.CharField("网站标识码", max_length=20, blank=True)
    icp_number = models.CharField("ICP备案号", max_length=60, blank=True)
    police_record_number = models.CharField("公安备案号", max_length=60, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    FIELDS = (
        "host_organisation",
        "address",
        "postcode",
        "phone",
        "website_code",
        "icp_number",
        "police_record_number",
    )

    class Meta:
        verbose_name = "市政府门户网站设置"
        verbose_name_plural = "市政府门户网站设置"
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="portal_settings_single_row")]

    def __str__(self) -> str:
        return self.host_organisation or "市政府门户网站设置"

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f) for f in self.FIELDS)
