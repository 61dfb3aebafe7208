"""The registry of audit event kinds and their Chinese labels (Wagtail's `log_action_registry`).

Each app declares the verbs it records in an `audit_kinds.py` module, which calls `register` (and
`register_group` for the prefix of its verbs); the registry finds those modules the first time a
label is asked for. The audit screen shows labels, never raw verbs; an unregistered verb is shown
readably as "<group label>：<verb>" so that a verb added without a label is still legible (and
`core/tests/test_event_kinds.py` fails until it gets one).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules

UNKNOWN_GROUP = "其他事件"


@dataclass(frozen=True)
class Kind:
    verb: str
    label: str
    group: str

    @property
    def group_label(self) -> str:
        return group_label(self.group)


_kinds: dict[str, Kind] = {}
_groups: dict[str, str] = {}
_discovered = False


def register(labels: dict[str, str]) -> None:
    """Register verbs (`"publishing.approved": "批准发布"`). A verb registered twice must keep its label."""
    for verb, label in labels.items():
        existing = _kinds.get(verb)
        if existing is not None and existing.label != label:
            raise ValueError(f"audit verb {verb!r} is already registered as {existing.label!r}")
        _kinds[verb] = Kind(verb=verb, label=label, group=verb.split(".", 1)[0])


def register_group(prefix: str, label: str) -> None:
    """The label of the part before the first dot (`"publishing"` → 发布流程)."""
    _groups[prefix] = label


def _discover() -> None:
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("audit_kinds")


def group_label(prefix: str) -> str:
    _discover()
    return _groups.get(prefix, UNKNOWN_GROUP)


def kind(verb: str) -> Kind | None:
    _discover()
    return _kinds.get(verb)


def label(verb: str) -> str:
    """The Chinese label of a verb; an unregistered verb readably, with its group and the verb itself."""
    found = kind(verb)
    if found is not None:
        return found.label
    return f"{group_label(verb.split('.', 1)[0])}：{verb}"


def all_kinds() -> list[Kind]:
    """Every registered kind, grouped (by group label) and then by label, for the audit screen's filter."""
    _discover()
    return sorted(_kinds.values(), key=lambda k: (group_label(k.group), k.verb))


def choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped `<select>` choices: [(group label, [(verb, label), …]), …]."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for k in all_kinds():
        grouped.setdefault(k.group_label, []).append((k.verb, k.label))
    return list(grouped.items())
