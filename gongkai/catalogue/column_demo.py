"""Demo columns (idempotent, after the city's agencies exist): every agency's 上级文件 shows the policies
of 福州市人民政府办公厅 where they are stored; 市财政局 adds a column 财政预决算 and merges a second one
into it (issue 18 item 4, ADR 0050)."""

from gongkai.accounts.guard import SYSTEM
from gongkai.core.models import Agency

from . import column_services, columns
from .column_models import SiteColumn
from .models import CatalogueNode

CITY_GOVERNMENT = "fzszfb"  # 福州市人民政府办公厅 (gongkai/city/demo.py)


def load_columns(*, agency, users=None, stdout=None):
    city = Agency.objects.filter(code=CITY_GOVERNMENT, is_active=True).first()
    if city is None:
        return
    for each in Agency.objects.filter(is_active=True).exclude(pk=city.pk):
        superior = columns.superior_column(each)
        if superior.row is None or not superior.row.sources.filter(pk=city.pk).exists():
            column_services.update_column(
                actor=SYSTEM,
                agency=each,
                slug=superior.slug,
                label=superior.label,
                description="上级机关和市人民政府办公厅制发的政策文件",
                sources=[city, *(superior.row.sources.all() if superior.row else [])],
            )
    # The city government office has no upstream agency on the platform: its empty 上级文件 would be a
    # blank column (国办秘函〔2019〕19号), so its administrator hides it.
    own = columns.superior_column(city)
    if not own.hidden and columns.column_figures(city, own)[0] == 0:
        column_services.set_hidden(actor=SYSTEM, agency=city, slug=own.slug, hidden=True)
    finance = Agency.objects.filter(code="fzczj").first()
    node = CatalogueNode.objects.filter(agency=finance, code="czyjs").first() if finance else None
    if node is not None and not SiteColumn.objects.filter(agency=finance, slug="czyjs").exists():
        column_services.add_column(
            actor=SYSTEM,
            agency=finance,
            section="xxgk",
            label="财政预决算",
            slug="czyjs",
            description="市级预算、决算和“三公”经费",
            node=node,
        )
        column_services.add_column(
            actor=SYSTEM,
            agency=finance,
            section="xxgk",
            label="结果公开信息",
            slug="jggk",
            description="本局结果公开类信息",
            category="result",
        )
        column_services.merge_columns(actor=SYSTEM, agency=finance, source="jggk", target="czyjs")
    if stdout:
        stdout.write("栏目：各机关的上级文件栏目显示市政府办公厅的政策文件；市财政局新增并合并了栏目。")
