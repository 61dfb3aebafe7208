"""Forms of the column screens (栏目管理, ADR 0050). Validation of substance is the services'."""

from django import forms

from gongkai.core.models import Agency
from gongkai.core.site_map import SECTIONS

from .models import CatalogueNode, OpennessCategory

CATEGORY_CHOICES = [("", "（不限）"), *OpennessCategory.choices]


class _ContentFields(forms.Form):
    node = forms.ModelChoiceField(
        label="目录事项", queryset=CatalogueNode.objects.none(), required=False, empty_label="（不限）"
    )
    category = forms.ChoiceField(label="五公开类别", choices=CATEGORY_CHOICES, required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = CatalogueNode.objects.filter(agency=agency, is_active=True).order_by(
            "depth", "sort_order", "id"
        )


class AddColumnForm(_ContentFields):
    section = forms.ChoiceField(label="所属板块", choices=[(s.slug, s.label) for s in SECTIONS])
    label = forms.CharField(label="栏目名称", max_length=40)
    slug = forms.CharField(label="网址标识", max_length=60, help_text="小写英文字母、数字和连字符，如 czyjs")
    description = forms.CharField(label="栏目说明", max_length=200, required=False)

    field_order = ["section", "label", "slug", "description", "node", "category"]


class EditColumnForm(_ContentFields):
    label = forms.CharField(label="栏目名称", max_length=40)
    description = forms.CharField(label="栏目说明", max_length=200, required=False)
    sources = forms.ModelMultipleChoiceField(
        label="上级文件来源机关",
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="本机关的上级机关（主管机关）的政策文件自动显示；此处另选需要显示其政策文件的机关，如市人民政府办公厅。",
    )

    field_order = ["label", "description", "node", "category", "sources"]

    def __init__(self, *args, agency, added: bool, superior: bool, **kwargs):
        super().__init__(*args, agency=agency, **kwargs)
        if not added:
            del self.fields["node"], self.fields["category"]
        if superior:
            self.fields["sources"].queryset = Agency.objects.filter(is_active=True).exclude(pk=agency.pk)
        else:
            del self.fields["sources"]
