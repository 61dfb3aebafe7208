"""The difference between two versions of a list (pure: plain dicts in, plain dataclasses out).

Items are matched by their 职权编码; an item present in both is "changed" when any compared field
differs, and the fields that differ are listed with their old and new text.
"""

from dataclasses import dataclass, field

# (field, label) compared between versions, in the order shown.
COMPARED_FIELDS = (
    ("name", "职权名称"),
    ("power_type_label", "职权类型"),
    ("content", "职权内容"),
    ("acting_body", "行使主体"),
    ("basis", "法律依据"),
    ("duties", "责任事项"),
    ("accountability", "追责情形"),
    ("process", "办理流程"),
)
ADDED, REMOVED, CHANGED = "added", "removed", "changed"
CHANGE_LABELS = {ADDED: "新增", REMOVED: "取消", CHANGED: "调整"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ItemChange:
    code: str
    name: str
    change: str
    fields: tuple[FieldChange, ...] = field(default_factory=tuple)

    @property
    def change_label(self) -> str:
        return CHANGE_LABELS[self.change]


def diff_items(old: list[dict], new: list[dict]) -> list[ItemChange]:
    """Changes from `old` to `new` (each a list of item dicts with `code` and COMPARED_FIELDS),
    in the order of the new version, removed items last."""
    before = {row["code"]: row for row in old}
    after = {row["code"]: row for row in new}
    changes: list[ItemChange] = []
    for row in new:
        previous = before.get(row["code"])
        if previous is None:
            changes.append(ItemChange(row["code"], row["name"], ADDED))
            continue
        fields = tuple(
            FieldChange(label, str(previous.get(name, "")), str(row.get(name, "")))
            for name, label in COMPARED_FIELDS
            if str(previous.get(name, "")) != str(row.get(name, ""))
        )
        if fields:
            changes.append(ItemChange(row["code"], row["name"], CHANGED, fields))
    changes += [ItemChange(row["code"], row["name"], REMOVED) for row in old if row["code"] not in after]
    return changes
