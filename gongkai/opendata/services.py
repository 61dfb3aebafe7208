"""Every write of the opendata app: imports, releases, catalogue entries, access applications, surveys."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connections, router, transaction
from django.utils import timezone

from gongkai.accounts.guard import SYSTEM, require, user_or_none
from gongkai.core import audit
from gongkai.core.errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from gongkai.core.models import Agency

from . import search
from .importers import LineError, ParsedDataset, ParsedIndicator, _area_parent
from .models import (
    AccessApplication,
    Code,
    Codelist,
    DataResource,
    Dataset,
    DatasetVersion,
    Dimension,
    Indicator,
    Observation,
    OpenType,
    Release,
    ReleaseDateChange,
    Series,
    SurveyProject,
)

BATCH = 2000


class ImportFailed(ValidationFailed):
    """Line-level errors: nothing was written."""

    code = "import_failed"

    def __init__(self, errors: list[LineError]):
        self.errors = errors
        shown = "；".join(str(e) for e in errors[:10])
        more = f"……共 {len(errors)} 处错误" if len(errors) > 10 else ""
        super().__init__(f"导入失败，未写入任何数据。{shown}{more}", field="file")


def _agency_for(actor, agency) -> Agency:
    agency = agency or getattr(actor, "agency", None) or Agency.objects.order_by("id").first()
    if agency is None:
        raise ValidationFailed("系统中还没有机关，请先创建机关（gongkai demo load 或管理后台）。")
    if actor is not SYSTEM:
        require(actor, "opendata.view", agency)
    return agency


# --- imports -------------------------------------------------------------------------------------------
@dataclass
class Diff:
    """What an import or upload changes, cell by cell (shown before committing an upload)."""

    new: list = field(default_factory=list)  # (key, period, value)
    revised: list = field(default_factory=list)  # (key, period, old, new)
    unchanged: int = 0
    new_codes: list = field(default_factory=list)  # (dimension, dimension name, code, name) not known yet


@dataclass
class ImportResult:
    dataset: Dataset
    version: DatasetVersion | None
    diff: Diff


def ensure_codelist(*, agency, code: str, name: str, codes: list[tuple[str, str, str]]) -> Codelist:
    codelist, _ = Codelist.objects.get_or_create(agency=agency, code=code, defaults={"name": name})
    existing = set(codelist.codes.values_list("code", flat=True))
    start = len(existing)
    Code.objects.bulk_create(
        [
            Code(codelist=codelist, code=c, name=n, parent=p, sort_order=start + i)
            for i, (c, n, p) in enumerate(codes)
            if c not in existing
        ]
    )
    return codelist


def _ensure_dataset(parsed: ParsedDataset, *, agency) -> Dataset:
    dataset = Dataset.objects.filter(agency=agency, code=parsed.code).first()
    if dataset is not None:
        return dataset
    resource = DataResource.objects.create(
        agency=agency,
        code=parsed.code,
        title=parsed.title,
        description=parsed.description,
        topic=parsed.topic,
        update_frequency={"A": "每年", "Q": "每季度", "M": "每月", "I": "普查年份"}.get(parsed.frequency, ""),
    )
    dataset = Dataset.objects.create(
        agency=agency,
        resource=resource,
        code=parsed.code,
        title=parsed.title,
        description=parsed.description,
        topic=parsed.topic,
        frequency=parsed.frequency or "A",
        source=parsed.source,
        source_url=parsed.source_url,
    )
    for position, dim in enumerate(parsed.dimensions):
        codelist = None
        if dim.codelist:
            name, codes = parsed.codelists[dim.codelist]
            codelist = ensure_codelist(agency=agency, code=dim.codelist, name=name, codes=codes)
        Dimension.objects.create(
            dataset=dataset, code=dim.code, name=dim.name, role=dim.role, codelist=codelist, position=position
        )
    return dataset


def _ensure_indicators(parsed: ParsedDataset, *, agency) -> dict[str, Indicator]:
    """The indicators of every cell (existing ones looked up, new ones created from parsed.indicators)."""
    wanted = set(parsed.indicators) | {cell.key[0] for cell in parsed.cells}
    found = {i.code: i for i in Indicator.objects.filter(agency=agency, code__in=list(wanted))}
    for order, (code, ind) in enumerate(parsed.indicators.items()):
        if code not in found:
            found[code] = Indicator.objects.create(
                agency=agency,
                code=code,
                name=ind.name,
                unit=ind.unit,
                decimals=ind.decimals,
                meaning=ind.meaning,
                scope=ind.scope,
                source=ind.source,
                survey_method=ind.survey_method,
                sort_order=order,
            )
    return found


def current_values(dataset: Dataset) -> dict[tuple[str, str], tuple]:
    """(series key, period) → (value, status) of the newest version, embargoed ones included (staff side)."""
    ranks = dict(DatasetVersion.objects.filter(dataset=dataset).values_list("pk", "number"))
    keys = dict(Series.objects.filter(dataset=dataset).values_list("pk", "key"))
    best: dict[tuple[str, str], tuple] = {}
    rows = Observation.objects.filter(dataset=dataset).values_list(
        "series_id", "period", "version_id", "value", "status"
    )
    for series_id, period, version_id, value, status in rows.iterator(chunk_size=5000):
        k = (keys[series_id], period)
        rank = ranks[version_id]
        if k not in best or best[k][0] < rank:
            best[k] = (rank, value, status)
    return {k: (v[1], v[2]) for k, v in best.items()}


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.compare(b) == 0


def diff_cells(dataset: Dataset | None, cells) -> Diff:
    current = current_values(dataset) if dataset is not None else {}
    diff = Diff()
    seen = set()
    for cell in cells:
        k = (".".join(cell.key), cell.period)
        if k in seen:
            continue
        seen.add(k)
        if k not in current:
            diff.new.append((cell.key, cell.period, cell.value))
        elif _same(current[k][0], cell.value):
            diff.unchanged += 1
        else:
            diff.revised.append((cell.key, cell.period, current[k][0], cell.value))
    return diff


def _duplicates(parsed: ParsedDataset) -> list[LineError]:
    seen: dict[tuple, int] = {}
    errors = []
    for cell in parsed.cells:
        k = (cell.key, cell.period)
        if k in seen:
            errors.append(LineError(cell.line, "", f"与第 {seen[k]} 行重复（同一指标、地区和时期）"))
        else:
            seen[k] = cell.line
    return errors


def _write_one(parsed: ParsedDataset, *, agency, actor, progress, release, note) -> ImportResult:
    dataset = _ensure_dataset(parsed, agency=agency)
    dims = list(dataset.dimensions.order_by("position"))
    # Code lists grow with the data (e.g. 长乐区 350112 arrives with the 2020 census).
    for dim in dims:
        if dim.codelist_id and dim.codelist.code in parsed.codelists:
            name, codes = parsed.codelists[dim.codelist.code]
            ensure_codelist(agency=agency, code=dim.codelist.code, name=name, codes=codes)
    indicators = _ensure_indicators(parsed, agency=agency)
    diff = diff_cells(dataset, parsed.cells)
    changes = {(".".join(k), p): "N" for k, p, _ in diff.new}
    changes.update({(".".join(k), p): "R" for k, p, _, _ in diff.revised})
    if not changes:
        return ImportResult(dataset, None, diff)
    number = (dataset.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = DatasetVersion.objects.create(
        dataset=dataset,
        number=number,
        release=release,
        created_by=user_or_none(actor),
        note=note or ("首次导入" if number == 1 else ""),
    )
    series = dict(Series.objects.filter(dataset=dataset).values_list("key", "pk"))
    area_pos = next((i for i, d in enumerate(dims) if d.role == "area"), None)
    new_series = []
    for cell in parsed.cells:
        key = ".".join(cell.key)
        if key not in series:
            series[key] = None
            new_series.append(
                Series(
                    dataset=dataset,
                    key=key,
                    indicator=indicators[cell.key[0]],
                    area=cell.key[area_pos] if area_pos is not None else "",
                    first_version=version,
                    dims={d.code: c for d, c in zip(dims, cell.key, strict=True)},
                )
            )
    Series.objects.bulk_create(new_series, batch_size=BATCH)
    series = dict(Series.objects.filter(dataset=dataset).values_list("key", "pk"))

    def rows():
        for cell in parsed.cells:
            key = ".".join(cell.key)
            change = changes.pop((key, cell.period), None)
            if change is None:
                continue
            status = "R" if change == "R" and cell.status == "F" else cell.status
            yield (dataset.pk, series[key], cell.period, version.pk, cell.value, status, cell.respondents)

    insert_observations(rows(), progress=progress)
    version.periods = sorted(
        {p for _, p in [*((k, p) for k, p, _ in diff.new), *((k, p) for k, p, _, _ in diff.revised)]}
    )
    version.save(update_fields=["periods"])
    audit.record(
        actor=actor,
        verb="opendata.imported",
        obj=version,
        agency=agency,
        after={
            "dataset": dataset.code,
            "version": number,
            "new": len(diff.new),
            "revised": len(diff.revised),
            "unchanged": diff.unchanged,
        },
    )
    return ImportResult(dataset, version, diff)


OBSERVATION_COLUMNS = ("dataset_id", "series_id", "period", "version_id", "value", "status", "respondents")


def insert_observations(rows, *, progress=None, batch: int = 20_000) -> int:
    """Write observation rows (in OBSERVATION_COLUMNS order) as fast as the database takes them: COPY on
    PostgreSQL, executemany in large batches on SQLite, inside the caller's transaction (issue 19 item 4:
    the ORM's bulk_create of model instances managed ~12,000 rows a second)."""
    connection = connections[router.db_for_write(Observation)]
    table = connection.ops.quote_name(Observation._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in OBSERVATION_COLUMNS)
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
                    if progress and written % batch == 0:
                        progress(batch)
            if progress and written % batch:
                progress(written % batch)
            return written
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(OBSERVATION_COLUMNS))})"
        pending = []
        for row in rows:
            pending.append(row)
            if len(pending) >= batch:
                cursor.executemany(sql, pending)
                written += len(pending)
                if progress:
                    progress(len(pending))
                pending = []
        if pending:
            cursor.executemany(sql, pending)
            written += len(pending)
            if progress:
                progress(len(pending))
    return written


def write_parsed(
    parsed_list: list[ParsedDataset], *, actor, agency=None, progress=None, release=None, note: str = ""
) -> list[ImportResult]:
    """Write parsed datasets all or nothing: any line error → ImportFailed, no row written."""
    require(actor, "opendata.manage")
    agency = _agency_for(actor, agency)
    errors = []
    for parsed in parsed_list:
        prefix = [] if len(parsed_list) == 1 else [parsed.title]
        for error in [*parsed.errors, *_duplicates(parsed)]:
            errors.append(
                LineError(
                    error.line, "/".join([*prefix, error.column]) if prefix else error.column, error.message
                )
            )
    if errors:
        raise ImportFailed(errors)
    if release is not None:
        require(actor, "opendata.manage", release, department_field=None)
    with transaction.atomic():
        return [
            _write_one(p, agency=agency, actor=actor, progress=progress, release=release, note=note)
            for p in parsed_list
        ]


def preview_upload(*, actor, dataset: Dataset, filename: str, data: bytes) -> tuple[ParsedDataset, Diff]:
    """Parse an upload of new periods (long format) and say what would change; writes nothing."""
    from .importers import parse_long, read_table

    require(actor, "opendata.manage", dataset, department_field=None)
    dims = list(dataset.dimensions.order_by("position").values_list("code", flat=True))
    parsed = parse_long(read_table(data, filename), dataset_code=dataset.code, dimension_codes=dims)
    parsed.errors.extend(_duplicates(parsed))
    if parsed.errors:
        raise ImportFailed(parsed.errors)
    diff = diff_cells(dataset, parsed.cells)
    diff.new_codes = new_codes(dataset, parsed)
    return parsed, diff


CODE_PATTERN = r"[A-Za-z0-9_.\-]{1,40}"  # SDMX IDType, shortened to the column widths


def new_codes(dataset: Dataset, parsed: ParsedDataset) -> list[tuple[str, str, str, str]]:
    """Codes the upload brings that the dataset does not know yet: (dimension code, dimension name,
    code, name). A new indicator or area makes a new series; it is shown in the change preview and
    created on commit (issue 12 item 7). Names come from the optional `<dimension>_name` columns."""
    import re

    found = []
    dims = list(dataset.dimensions.order_by("position").select_related("codelist"))
    for position, dim in enumerate(dims):
        codes = {cell.key[position] for cell in parsed.cells}
        if dim.role == "indicator" or position == 0:
            known = set(
                Indicator.objects.filter(agency=dataset.agency, code__in=list(codes)).values_list(
                    "code", flat=True
                )
            )
        elif dim.codelist_id:
            known = set(dim.codelist.codes.filter(code__in=list(codes)).values_list("code", flat=True))
        else:
            continue
        for code in sorted(codes - known):
            if not re.fullmatch(CODE_PATTERN, code):
                raise ValidationFailed(
                    f"“{dim.name}”代码“{code[:40]}”无效：只能由字母、数字、下划线、点或连字符组成，"
                    "最长 40 个字符。",
                    field="file",
                )
            found.append((dim.code, dim.name, code, parsed.code_names.get((dim.code, code), code)))
    return found


def commit_upload(
    *, actor, dataset: Dataset, filename: str, data: bytes, note: str, release=None, progress=None
) -> ImportResult:
    parsed, diff = preview_upload(actor=actor, dataset=dataset, filename=filename, data=data)
    parsed.title = dataset.title
    parsed.indicators = {}
    with transaction.atomic():
        dims = {dim.code: dim for dim in dataset.dimensions.select_related("codelist")}
        for dim_code, _dim_name, code, name in diff.new_codes:
            dim = dims[dim_code]
            if dim.role == "indicator" or dim.position == 0:
                parsed.indicators[code] = ParsedIndicator(code=code, name=name)
            else:
                parent = (
                    _area_parent(code) if dim.role == "area" and code.isdigit() and len(code) == 6 else ""
                )
                if parent and not dim.codelist.codes.filter(code=parent).exists():
                    parent = ""
                ensure_codelist(
                    agency=dataset.agency,
                    code=dim.codelist.code,
                    name=dim.codelist.name,
                    codes=[(code, name, parent)],
                )
        return _write_one(
            parsed,
            agency=dataset.agency,
            actor=actor,
            progress=progress,
            release=release,
            note=note or "上传新一期数据",
        )


# --- datasets and the catalogue ----------------------------------------------------------------------
RESOURCE_FIELDS = (
    "title",
    "description",
    "topic",
    "open_type",
    "not_open_reason",
    "conditions",
    "update_frequency",
    "formats",
    "licence",
    "department",
    "contact",
)


def save_resource(*, actor, resource: DataResource | None = None, agency=None, **fields) -> DataResource:
    require(actor, "opendata.manage")
    agency = _agency_for(actor, agency if resource is None else resource.agency)
    if fields.get("open_type") == OpenType.NOT_OPEN and not (fields.get("not_open_reason") or "").strip():
        raise ValidationFailed("不予开放的数据资源须说明理由。", field="not_open_reason")
    with transaction.atomic():
        before = None
        if resource is None:
            resource = DataResource(agency=agency, code=fields.pop("code"))
        else:
            require(actor, "opendata.manage", resource, department_field=None)
            before = {f: str(getattr(resource, f)) for f in RESOURCE_FIELDS}
        for name, value in fields.items():
            if name in RESOURCE_FIELDS:
                setattr(resource, name, value)
        resource.save()
        audit.record(
            actor=actor,
            verb="opendata.resource_saved",
            obj=resource,
            agency=agency,
            before=before,
            after={f: str(getattr(resource, f)) for f in RESOURCE_FIELDS},
        )
        dataset = Dataset.objects.filter(resource=resource).first()
        if dataset is not None:
            search.sync_dataset(
                dataset
            )  # 不予开放 leaves the site search, re-opened comes back (after commit)
    return resource


def update_indicator(*, actor, indicator: Indicator, **fields) -> Indicator:
    require(actor, "opendata.manage", indicator, department_field=None)
    allowed = (
        "name",
        "unit",
        "decimals",
        "meaning",
        "scope",
        "survey_method",
        "calculation",
        "sample_size",
        "source",
        "contact",
    )
    with transaction.atomic():
        before = {f: getattr(indicator, f) for f in allowed}
        for name, value in fields.items():
            if name in allowed:
                setattr(indicator, name, value)
        indicator.save()
        audit.record(
            actor=actor,
            verb="opendata.indicator_updated",
            obj=indicator,
            before=before,
            after={f: getattr(indicator, f) for f in allowed},
        )
    return indicator


# --- releases (发布日程) -------------------------------------------------------------------------------
def create_release(
    *,
    actor,
    title: str,
    scheduled_at: datetime,
    agency=None,
    press_release: str = "",
    interpretation: str = "",
    confirmed: bool = False,
    department=None,
) -> Release:
    require(actor, "opendata.manage")
    agency = _agency_for(actor, agency)
    if timezone.is_naive(scheduled_at):
        raise ValidationFailed("发布时间须包含时区。", field="scheduled_at")
    with transaction.atomic():
        release = Release.objects.create(
            agency=agency,
            title=title,
            scheduled_at=scheduled_at.replace(second=0, microsecond=0),
            press_release=press_release,
            interpretation=interpretation,
            department=department,
            state=Release.State.CONFIRMED if confirmed else Release.State.PROVISIONAL,
            created_by=user_or_none(actor),
        )
        audit.record(
            actor=actor,
            verb="opendata.release_created",
            obj=release,
            agency=agency,
            after={"title": title, "scheduled_at": release.scheduled_at, "state": release.state},
        )
    return release


def _unreleased(release: Release, now: datetime) -> None:
    """Refuses to change a release that is public (its minute reached and approved). One whose minute
    passed without approval is not public and may still be moved (a delay is announced, not hidden)."""
    from .selectors import released_releases

    if release.state == Release.State.CONFIRMED and released_releases(now).filter(pk=release.pk).exists():
        raise InvalidTransition("该发布已到发布时间，不能再修改；如需更正数据，请通过新的发布修订。")


def confirm_release(*, actor, release: Release) -> Release:
    require(actor, "opendata.manage", release, department_field=None)
    with transaction.atomic():
        release = Release.objects.select_for_update().get(pk=release.pk)
        if release.state != Release.State.PROVISIONAL:
            raise InvalidTransition("只有拟定的发布可以确定。")
        release.state = Release.State.CONFIRMED
        release.save(update_fields=["state"])
        audit.record(
            actor=actor, verb="opendata.release_confirmed", obj=release, after={"state": release.state}
        )
    return release


def reschedule_release(*, actor, release: Release, scheduled_at: datetime, note: str) -> Release:
    """A moved date keeps the old one and a public change note."""
    require(actor, "opendata.manage", release, department_field=None)
    note = (note or "").strip()
    if not note:
        raise ValidationFailed("调整发布时间须填写调整说明（将向社会公开）。", field="note")
    if timezone.is_naive(scheduled_at):
        raise ValidationFailed("发布时间须包含时区。", field="scheduled_at")
    now = timezone.now()
    if scheduled_at <= now:
        raise ValidationFailed("调整后的发布时间须晚于现在。", field="scheduled_at")
    with transaction.atomic():
        release = Release.objects.select_for_update().get(pk=release.pk)
        _unreleased(release, now)
        previous = release.scheduled_at
        release.scheduled_at = scheduled_at.replace(second=0, microsecond=0)
        release.save(update_fields=["scheduled_at"])
        _reopen_approval(actor, release, previous=previous, note=note)
        ReleaseDateChange.objects.create(
            release=release,
            previous_at=previous,
            new_at=release.scheduled_at,
            note=note,
            changed_at=now,
            actor=actor,
        )
        audit.record(
            actor=actor,
            verb="opendata.release_rescheduled",
            obj=release,
            before={"scheduled_at": previous},
            after={"scheduled_at": release.scheduled_at, "note": note},
        )
    return release


def _reopen_approval(actor, release: Release, *, previous: datetime, note: str) -> None:
    """An approval covers one minute: a release approved for the old minute goes back to 待领导审批, so
    it is never published at a minute the calendar does not show (issue 11 item 12)."""
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import open_workflow_for
    from gongkai.publishing.states import State

    workflow = open_workflow_for(release)
    if workflow is None or workflow.state != State.SCHEDULED:
        return
    publishing.reopen_approval(
        actor=actor,
        workflow=workflow,
        reason=(
            f"发布时间由 {timezone.localtime(previous):%Y-%m-%d %H:%M} 调整为 "
            f"{timezone.localtime(release.scheduled_at):%Y-%m-%d %H:%M}，须重新审批：{note}"
        ),
    )


def update_release_content(
    *, actor, release: Release, title=None, press_release=None, interpretation=None
) -> Release:
    require(actor, "opendata.manage", release, department_field=None)
    with transaction.atomic():
        release = Release.objects.select_for_update().get(pk=release.pk)
        _unreleased(release, timezone.now())
        for name, value in (
            ("title", title),
            ("press_release", press_release),
            ("interpretation", interpretation),
        ):
            if value is not None:
                setattr(release, name, value)
        release.save()
        audit.record(
            actor=actor, verb="opendata.release_updated", obj=release, after={"title": release.title}
        )
    return release


def attach_version(*, actor, release: Release, version: DatasetVersion) -> DatasetVersion:
    require(actor, "opendata.manage", release, department_field=None)
    if version.dataset.agency_id != release.agency_id:
        raise NotFound("没有找到该数据版本。")
    with transaction.atomic():
        version = DatasetVersion.objects.select_for_update().get(pk=version.pk)
        if version.release_id and version.release_id != release.pk:
            raise Conflict("该数据版本已随另一次发布公开或排期。")
        _unreleased(release, timezone.now())
        version.release = release
        version.save(update_fields=["release"])
        audit.record(
            actor=actor,
            verb="opendata.version_attached",
            obj=version,
            agency=release.agency,
            after={"release": release.pk},
        )
    return version


# --- 有条件开放 applications ------------------------------------------------------------------------------
def submit_application(
    *,
    resource: DataResource,
    applicant_name: str,
    email: str,
    purpose: str,
    accepted_terms: bool,
    organisation: str = "",
    phone: str = "",
) -> tuple[AccessApplication, str]:
    """A member of the public applies. Returns the application and its access token, shown once."""
    if resource.open_type != OpenType.CONDITIONAL:
        raise ValidationFailed(
            "该数据资源不需要申请。" if resource.open_type == OpenType.OPEN else "该数据资源不予开放。"
        )
    if not accepted_terms:
        raise ValidationFailed("须阅读并接受使用条款。", field="accepted_terms")
    if not (purpose or "").strip():
        raise ValidationFailed("请说明数据用途。", field="purpose")
    if not (applicant_name or "").strip():
        raise ValidationFailed("请填写申请人。", field="applicant_name")
    token = "gkd_" + secrets.token_urlsafe(24)
    with transaction.atomic():
        today = timezone.localdate()
        count = AccessApplication.objects.filter(created_at__date=today).count() + 1
        application = AccessApplication.objects.create(
            agency=resource.agency,
            resource=resource,
            number=f"SJ{today:%Y%m%d}{count:04d}",
            applicant_name=applicant_name.strip(),
            organisation=organisation,
            email=email,
            phone=phone,
            purpose=purpose.strip(),
            accepted_terms=True,
            token_hash=AccessApplication.hash_token(token),
        )
        audit.record(
            actor=None,
            verb="opendata.application_submitted",
            obj=application,
            agency=resource.agency,
            after={"resource": resource.code, "applicant": application.applicant_name},
        )
    return application, token


def decide_application(
    *, actor, application: AccessApplication, approve: bool, reason: str = "", expires_on: date | None = None
) -> AccessApplication:
    require(actor, "opendata.applications", application, department_field=None)
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationFailed("不予同意须说明理由。", field="reason")
    with transaction.atomic():
        application = AccessApplication.objects.select_for_update().get(pk=application.pk)
        if application.state != AccessApplication.State.SUBMITTED:
            raise InvalidTransition("该申请已经办结。")
        application.state = AccessApplication.State.APPROVED if approve else AccessApplication.State.REFUSED
        application.decision_reason = reason
        application.decided_by = user_or_none(actor)
        application.decided_at = timezone.now()
        application.expires_on = expires_on if approve else None
        application.save()
        audit.record(
            actor=actor,
            verb="opendata.application_" + ("approved" if approve else "refused"),
            obj=application,
            after={"state": application.state, "reason": reason},
        )
    return application


def record_token_use(*, application: AccessApplication, dataset: Dataset) -> None:
    audit.record(
        actor=None,
        verb="opendata.conditional_access",
        obj=application,
        agency=application.agency,
        after={"dataset": dataset.code},
    )


# --- survey projects ------------------------------------------------------------------------------------
SURVEY_FIELDS = (
    "name",
    "kind",
    "approval_number",
    "approving_authority",
    "organiser",
    "valid_until",
    "respondents",
    "content",
    "frequency",
    "method",
    "organisation",
    "publication",
    "is_public",
)


def save_survey_project(
    *, actor, project: SurveyProject | None = None, agency=None, **fields
) -> SurveyProject:
    require(actor, "opendata.manage")
    agency = _agency_for(actor, agency if project is None else project.agency)
    with transaction.atomic():
        if project is None:
            project = SurveyProject(agency=agency)
        else:
            require(actor, "opendata.manage", project, department_field=None)
        for name, value in fields.items():
            if name in SURVEY_FIELDS:
                setattr(project, name, value)
        project.save()
        audit.record(
            actor=actor,
            verb="opendata.survey_saved",
            obj=project,
            agency=agency,
            after={f: str(getattr(project, f)) for f in SURVEY_FIELDS},
        )
    return project
