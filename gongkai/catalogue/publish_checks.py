"""Extra conditions on publishing a catalogue revision, contributed by higher layers.

The catalogue must not import the apps built on it (import-linter layers), yet some of them decide
whether a revision may be published: the 三同步 rule of policy interpretations (国办发〔2016〕80号)
lives in `interpretations`. Such an app registers a check here in its AppConfig.ready():

    from gongkai.catalogue import publish_checks
    publish_checks.register(check_synchronised_interpretation)

A check is `check(revision, *, publish_at) -> None` and raises `ValidationFailed` with a Chinese
message. `publish_at` is the moment the revision will become public, or None when the caller does not
know it (the approval then happens now).
"""

from collections.abc import Callable

Check = Callable[..., None]

_checks: list[Check] = []


def register(check: Check) -> Check:
    if check not in _checks:
        _checks.append(check)
    return check


def unregister(check: Check) -> None:
    """Tests only."""
    if check in _checks:
        _checks.remove(check)


def run(revision, *, publish_at=None) -> None:
    for check in list(_checks):
        check(revision, publish_at=publish_at)


def registered() -> list[Check]:
    return list(_checks)
