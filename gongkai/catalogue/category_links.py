"""Records of higher layers shown under a 五公开 category of the 法定主动公开内容 page.

执行公开 and 结果公开 are served by their own apps (key tasks, supervision, surveys ...); the catalogue
cannot import them, so each registers `provider(agency, category) -> list[LinkBlock]` in its
AppConfig.ready(). A provider returns only public content.
"""

from collections.abc import Callable

from .item_links import LinkBlock

_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def blocks_for(agency, category: str) -> list[LinkBlock]:
    blocks: list[LinkBlock] = []
    for provider in _providers:
        blocks.extend(block for block in (provider(agency, category) or []) if block.links)
    return blocks
