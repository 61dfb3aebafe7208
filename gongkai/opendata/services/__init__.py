"""Every write of the opendata app: imports, releases, catalogue entries, access applications, surveys.

One module per seam; callers import from here: `common` (the import error, the acting agency),
`imports` (diff, preview, commit, the bulk writer), `catalogue` (resources, indicators), `releases`
(发布日程 and its approval), `applications` (有条件开放) and `surveys` (survey projects).
"""

from .applications import decide_application, record_token_use, submit_application
from .catalogue import RESOURCE_FIELDS, save_resource, update_indicator
from .common import BATCH, ImportFailed
from .imports import (
    CODE_PATTERN,
    OBSERVATION_COLUMNS,
    Diff,
    ImportResult,
    commit_upload,
    current_values,
    diff_cells,
    ensure_codelist,
    insert_observations,
    new_codes,
    preview_upload,
    write_parsed,
)
from .releases import (
    attach_version,
    confirm_release,
    create_release,
    reschedule_release,
    update_release_content,
)
from .surveys import SURVEY_FIELDS, save_survey_project

__all__ = [
    "BATCH",
    "ImportFailed",
    "CODE_PATTERN",
    "Diff",
    "ImportResult",
    "OBSERVATION_COLUMNS",
    "commit_upload",
    "current_values",
    "diff_cells",
    "ensure_codelist",
    "insert_observations",
    "new_codes",
    "preview_upload",
    "write_parsed",
    "RESOURCE_FIELDS",
    "save_resource",
    "update_indicator",
    "attach_version",
    "confirm_release",
    "create_release",
    "reschedule_release",
    "update_release_content",
    "decide_application",
    "record_token_use",
    "submit_application",
    "SURVEY_FIELDS",
    "save_survey_project",
]
