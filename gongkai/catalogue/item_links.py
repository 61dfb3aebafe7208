"""Link blocks on an item's public page contributed by higher layers (e.g. “政策解读” links).

The catalogue cannot import the apps above it, so they register a provider in their
AppConfig.ready(): `provider(item) -> list[LinkBlock]`. A provider returns only public content: the
item page is served to anyone.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class LinkBlock:
    title: str
    links: list = field(default_factory=list)  # [(label, url, note)]
    css_class: str = ""


_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def blocks_for(item) -> list[LinkBlock]:
    blocks: list[LinkBlock] = []
    for provider in _providers:
        blocks.extend(block for block in (provider(item) or []) if block.links)
    return blocks
