"""Every write of the catalogue: items, draft revisions, attachments, corrections, catalogue nodes.

Keyword-only, `actor` first; each checks permission, writes in one transaction and records an audit
event. Published content is never edited in place (a correction is a new revision). One module per seam,
callers import from here: `common` (fields, validation), `items` (items, revisions, publication),
`attachments`, `nodes` (catalogue nodes and settings).
"""

from gongkai.accounts.services import issue_api_token, revoke_api_token  # noqa: F401 — moved (ADR 0033)

from .attachments import add_attachment, max_attachment_bytes, remove_attachment
from .common import COPIED_FIELDS, DEFAULT_MAX_ATTACHMENT_MB, EDITABLE_FIELDS, NODE_FIELDS
from .items import (
    body_text,
    check_publishable,
    create_item,
    mark_superseded,
    record_publication,
    record_withdrawal,
    start_correction,
    update_draft,
)
from .nodes import save_catalogue_node, save_catalogue_settings

__all__ = [
    "COPIED_FIELDS",
    "DEFAULT_MAX_ATTACHMENT_MB",
    "EDITABLE_FIELDS",
    "NODE_FIELDS",
    "add_attachment",
    "body_text",
    "check_publishable",
    "create_item",
    "mark_superseded",
    "max_attachment_bytes",
    "record_publication",
    "record_withdrawal",
    "remove_attachment",
    "save_catalogue_node",
    "save_catalogue_settings",
    "start_correction",
    "update_draft",
]
