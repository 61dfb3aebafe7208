"""Every audit verb the code records has a Chinese label in the event-kind registry (issue 11.15).

The verbs are read from the source: every `audit.record(verb=…)` call. A literal (or a conditional of
literals) is taken as written; a verb passed in through a parameter of the enclosing function is
followed to that function's callers in the same module; the few verbs built from data are expanded
from that same data below. A verb the scan cannot resolve fails the test, so a new dynamic verb must
be added here."""

import ast
from pathlib import Path

import pytest

import gongkai
from gongkai.consultations.models import CommentState
from gongkai.core import event_kinds
from gongkai.enforcement.audit_kinds import VERBS as ENFORCEMENT_VERBS
from gongkai.public_messages.states import Action as MessageAction
from gongkai.publishing.services import AUDIT_VERBS

ROOT = Path(gongkai.__file__).parent

# Verbs built from data, by the source text of their `verb=` expression.
EXPANSIONS = {
    "f\"consultation.comment_{('approved' if state == CommentState.APPROVED else 'hidden')}\"": {
        "consultation.comment_approved" if s == CommentState.APPROVED else "consultation.comment_hidden"
        for s in CommentState
    },
    "'opendata.application_' + ('approved' if approve else 'refused')": {
        "opendata.application_approved",
        "opendata.application_refused",
    },
    "f'message.{action.value}'": {f"message.{a.value}" for a in MessageAction},
    "f'publishing.{AUDIT_VERBS[action]}'": {f"publishing.{v}" for v in AUDIT_VERBS.values()},
    "f'foi_request.{verb}'": None,  # `verb` is a parameter: followed to the callers
    "f'enforcement.{record_type}_{action}'": set(ENFORCEMENT_VERBS),
}


def _literals(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        return body | orelse if body is not None and orelse is not None else None
    return None


def _enclosing_functions(tree):
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    return parents


def _package_trees(path: Path, tree) -> list:
    """The module's tree and, when it is part of a split package (`services/`), its siblings' trees:
    a helper's callers live in the other modules of the package (issue 12 item 16)."""
    if not (path.parent / "__init__.py").exists() or path.parent == ROOT:
        return [tree]
    siblings = [p for p in sorted(path.parent.glob("*.py")) if p != path]
    return [tree] + [ast.parse(p.read_text(encoding="utf-8")) for p in siblings]


def _parameter_values(trees, function: ast.FunctionDef, name: str, path):
    """Every literal passed for parameter `name` to `function` by calls in the same module or package."""
    args = [a.arg for a in function.args.posonlyargs + function.args.args]
    values = set()
    defaults = function.args.defaults
    for arg, default in zip(args[len(args) - len(defaults) :], defaults, strict=True):
        if arg == name:
            values |= _literals(default) or set()
    for arg, default in zip(function.args.kwonlyargs, function.args.kw_defaults, strict=True):
        if arg.arg == name and default is not None:
            values |= _literals(default) or set()
    calls = (node for tree in trees for node in ast.walk(tree))
    for node in calls:
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == function.name):
            continue
        passed = [kw.value for kw in node.keywords if kw.arg == name]
        if not passed and name in args and args.index(name) < len(node.args):
            passed = [node.args[args.index(name)]]
        for value in passed:
            found = _literals(value)
            assert found is not None, f"{path}:{node.lineno}: verb {ast.unparse(value)} cannot be resolved"
            values |= found
    return values


def recorded_verbs() -> dict[str, str]:
    """verb -> where it is recorded."""
    verbs: dict[str, str] = {}
    for path in sorted(ROOT.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = _enclosing_functions(tree)
        for node in ast.walk(tree):
            func = getattr(node, "func", None)
            if not (
                isinstance(node, ast.Call)
                and isinstance(func, ast.Attribute)
                and func.attr == "record"
                and getattr(func.value, "id", None) == "audit"
            ):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            for kw in node.keywords:
                if kw.arg != "verb":
                    continue
                found = _literals(kw.value)
                source = ast.unparse(kw.value)
                if found is None and source in EXPANSIONS and EXPANSIONS[source] is not None:
                    found = EXPANSIONS[source]
                if found is None:
                    names = [n.id for n in ast.walk(kw.value) if isinstance(n, ast.Name)]
                    function = parents.get(node)
                    while function is not None and not isinstance(function, ast.FunctionDef):
                        function = parents.get(function)
                    assert function is not None and len(names) == 1, (
                        f"{where}: verb {source} cannot be resolved"
                    )
                    values = _parameter_values(_package_trees(path, tree), function, names[0], where)
                    prefix = source[2:].split("{")[0] if source.startswith(("f'", 'f"')) else ""
                    found = {prefix + v for v in values}
                for verb in found:
                    verbs.setdefault(verb, where)
    return verbs


def test_the_scan_finds_the_verbs_of_every_kind_of_call_site():
    verbs = recorded_verbs()
    assert verbs["publishing.started"].startswith("publishing/services.py")  # a literal
    assert "workdays.day_added" in verbs  # a positional parameter of a helper
    assert "catalogue.normative_status_changed" in verbs  # a parameter's default
    assert "foi_request.supplement_requested" in verbs  # an f-string over a keyword parameter
    assert "publishing.review_passed" in verbs  # expanded from data
    assert "consultation.comment_hidden" in verbs


def test_every_recorded_verb_has_a_chinese_label():
    missing = {verb: where for verb, where in recorded_verbs().items() if event_kinds.kind(verb) is None}
    assert missing == {}


@pytest.mark.parametrize("verb", ["auth.login", "auth.logout", "auth.login_failed", "access.denied"])
def test_the_verbs_recorded_outside_services_have_labels(verb):
    assert event_kinds.kind(verb) is not None


def test_an_unknown_verb_is_shown_with_its_group_and_itself():
    assert event_kinds.label("publishing.teleported") == "发布流程：publishing.teleported"
    assert event_kinds.label("nothing.known") == "其他事件：nothing.known"
    assert event_kinds.label("publishing.approved") == "批准发布"


def test_a_verb_cannot_be_registered_twice_with_different_labels():
    with pytest.raises(ValueError, match="publishing.approved"):
        event_kinds.register({"publishing.approved": "别的说法"})
