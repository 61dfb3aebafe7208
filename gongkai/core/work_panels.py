"""Panels of the office home page ("我的工作"). Each capability registers a function that returns
panels for a user: what is due and what waits for them."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Panel:
    title: str
    items: list = field(default_factory=list)  # [(label, url, note)]
    empty_text: str = "暂无待办事项。"
    more_url: str = ""
    # A panel that needs more than a list (a dashboard with charts) names its own template, included
    # inside the panel's section with `panel` in its context; `context` carries what it shows.
    template: str = ""
    context: dict = field(default_factory=dict)


_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    _providers.append(provider)
    return provider


def panels_for(user) -> list[Panel]:
    panels: list[Panel] = []
    for provider in _providers:
        panels.extend(provider(user) or [])
    return panels
