"""What the publication workflow can publish: one adapter per content model (ADR 0009).

A capability (catalogue, interpretations, consultations ...) registers an adapter for the model whose
rows go through the workflow (e.g. catalogue.ItemRevision) in its AppConfig.ready(). The workflow never
imports a higher layer: everything it needs to know about the content it asks the adapter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from gongkai.core.errors import DomainError

if TYPE_CHECKING:  # the scanner is a lower layer; imported only for the type
    from gongkai.confidentiality.scanner import Source


class PublishableAdapter:
    """Override what your content needs; the defaults suit a model with `agency`, `department`, `title`."""

    model: type[models.Model]
    label: str = "内容"

    def scan_sources(self, obj) -> tuple[list[Source], list[tuple[str, bytes]]]:
        """Texts (label, text) and files (name, bytes) the confidentiality scan reads."""
        return [], []

    def check_submittable(self, obj) -> None:
        """Raise ValidationFailed (Chinese message) when the content cannot even be submitted for review."""

    def check_publishable(self, obj, publish_at=None) -> None:
        """Raise ValidationFailed (Chinese message) when the content cannot be published yet."""

    def on_published(self, obj, *, actor, at) -> None:
        """Inside the publishing transaction, when the workflow reaches `published`."""

    def on_withdrawn(self, obj, *, actor, reason: str) -> None:
        """Inside the withdrawing transaction."""

    def on_superseded(self, obj, *, actor) -> None:
        """Inside the transaction that marks the workflow superseded by a newer revision."""

    def title(self, obj) -> str:
        return str(getattr(obj, "title", "") or obj)

    def office_url(self, obj) -> str:
        return ""

    def public_url(self, obj) -> str:
        return ""

    def agency_of(self, obj):
        """The tenant the workflow belongs to."""
        return obj.agency

    def department_of(self, obj):
        """The owning 处室 (scopes what a 承办人 sees); None when the content has none."""
        return getattr(obj, "department", None)


class NotRegistered(DomainError):
    http_status = 400
    code = "not_publishable"
    default_message = "该类内容不能进入发布流程。"


_adapters: dict[str, PublishableAdapter] = {}


def _key(model) -> str:
    return model._meta.label_lower


def register(adapter: PublishableAdapter) -> PublishableAdapter:
    """Register an adapter (instance or class); returns it so it can be used as a class decorator."""
    instance = adapter() if isinstance(adapter, type) else adapter
    _adapters[_key(instance.model)] = instance
    return adapter


def unregister(model) -> None:
    """Tests only: remove a stand-in adapter again."""
    _adapters.pop(_key(model), None)


def adapter_for(obj_or_model) -> PublishableAdapter:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    try:
        return _adapters[_key(model._meta.concrete_model)]
    except KeyError:
        raise NotRegistered(f"“{model._meta.verbose_name}”不能进入发布流程。") from None


def registered() -> list[PublishableAdapter]:
    return list(_adapters.values())
