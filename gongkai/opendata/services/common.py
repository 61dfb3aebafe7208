"""What the opendata writes share: the batch size, the all-or-nothing import error, the acting agency."""

from __future__ import annotations

from gongkai.accounts.guard import SYSTEM, require
from gongkai.core.errors import ValidationFailed
from gongkai.core.models import Agency

from ..importers import LineError

BATCH = 2000


class ImportFailed(ValidationFailed):
    """Line-level errors: nothing was written."""

    code = "import_failed"

    def __init__(self, errors: list[LineError]):
        self.errors = errors
        shown = "；".join(str(e) for e in errors[:10])
        more = f"……共 {len(errors)} 处错误" if len(errors) > 10 else ""
        super().__init__(f"导入失败，未写入任何数据。{shown}{more}", field="file")


def _agency_for(actor, agency) -> Agency:
    agency = agency or getattr(actor, "agency", None) or Agency.objects.order_by("id").first()
    if agency is None:
        raise ValidationFailed("系统中还没有机关，请先创建机关（gongkai demo load 或管理后台）。")
    if actor is not SYSTEM:
        require(actor, "opendata.view", agency)
    return agency
