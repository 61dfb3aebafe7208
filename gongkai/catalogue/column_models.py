"""An agency's columns (栏目) over the one resource library (issue 18 item 4, ADR 0050).

A row is either the agency's setting of a built-in column of the site map (`builtin` = the URL name
of its page: its name, order, hidden) or a column the agency added (`builtin` = ""), which shows the
agency's public information of one 目录事项 and/or one 五公开 category. Nothing is copied: a column is
a query, so a withdrawal anywhere removes the item from every column at once. A built-in column
without a row shows as the site map says.
"""

from django.db import models
from django.db.models import F, Q

from gongkai.core.models import Agency

from .models import OpennessCategory

SUPERIOR = "catalogue:superior"  # 上级文件: the shared column over the upstream agencies' policies


class SiteColumn(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="site_columns")
    section = models.SlugField("所属板块", max_length=10)
    slug = models.SlugField("网址标识", max_length=60, help_text="英文或拼音短名，用于网址")
    builtin = models.CharField("内置栏目页面", max_length=80, blank=True)
    label = models.CharField("栏目名称", max_length=40)
    description = models.CharField("栏目说明", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_hidden = models.BooleanField("隐藏", default=False)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_columns",
        verbose_name="并入栏目",
    )
    node = models.ForeignKey(
        "catalogue.CatalogueNode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="目录事项",
    )
    category = models.CharField("五公开类别", max_length=20, blank=True, choices=OpennessCategory.choices)
    # 上级文件: agencies whose policies this agency shows besides its parent organisations.
    sources = models.ManyToManyField(Agency, blank=True, related_name="+", verbose_name="上级文件来源机关")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["agency_id", "section", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="site_column_slug_unique"),
            models.UniqueConstraint(
                fields=["agency", "builtin"], condition=~Q(builtin=""), name="site_column_builtin_unique"
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=F("id")), name="site_column_not_merged_into_itself"
            ),
            # An added column is a query: it names what it shows.
            models.CheckConstraint(
                condition=~Q(builtin="") | Q(node__isnull=False) | ~Q(category=""),
                name="site_column_added_has_content",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_added(self) -> bool:
        return not self.builtin

    @property
    def is_list(self) -> bool:
        """A column whose content is a list of information (an added column or 上级文件): only these can
        take in another column's items."""
        return self.is_added or self.builtin == SUPERIOR
