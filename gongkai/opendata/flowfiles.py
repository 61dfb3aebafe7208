"""Pre-generated whole-dataflow files (issue 19 item 3, ADR 0044).

When a release's announced minute passes, the periodic job `opendata.flow_files` (every minute) finds
the public datasets whose stored files do not match their public vintages *at that moment* (the same
read-time embargo filter as every page: `selectors.public_datasets` / `public_versions`) and queues the
background task `opendata.write_flow_files`, which writes the CSV, JSON-stat, SDMX-ML and — up to
Excel's 1,048,576 rows — XLSX of the whole flow to default storage, each as a stream through a
temporary file (memory bounded whatever the size). So nothing is ever written before the minute.

A whole-flow request (no filter, no period, no `as_of`) is answered from the stored file only when its
`versions_key` equals the key of the versions public *now* for that visitor; otherwise (not written
yet, a newer version, a withdrawn one) it is built and streamed as before. Files of older keys are
deleted when the new ones are written.

The SDMX-ML writer lives in `data_standards` (which depends on this app): it registers itself with
`register_writer("sdmx", …)` in its AppConfig.ready().
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import tempfile
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.core.files import File
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.utils import timezone

from gongkai.core import jobs, tasks
from gongkai.core.models import Agency, BackgroundTask

from . import outputs, selectors
from .models import Dataset, FlowFile
from .query import build_cube

logger = logging.getLogger("gongkai.opendata.flowfiles")

TASK = "opendata.write_flow_files"
DIR = "opendata/flows"
XLSX_MAX_ROWS = 1_048_575  # Excel's 1,048,576 rows less the title row

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonstat": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sdmx": "application/vnd.sdmx.structurespecificdata+xml; version=2.1",
}
EXTENSIONS = {"csv": "csv", "jsonstat": "json", "xlsx": "xlsx", "sdmx": "xml"}
# Formats served as an attachment under the dataset's code.
ATTACHMENT = {"csv", "xlsx"}

# fmt → (cube, agency) -> iterable of bytes
Writer = Callable[[object, Agency], Iterable[bytes]]
_writers: dict[str, Writer] = {}


def register_writer(fmt: str, writer: Writer, content_type: str | None = None) -> None:
    _writers[fmt] = writer
    if content_type:
        CONTENT_TYPES[fmt] = content_type


def formats() -> list[str]:
    return sorted(_writers)


def versions_key(versions) -> str:
    """The set of vintages a whole flow is built from, e.g. "12,15"."""
    return ",".join(str(pk) for pk in sorted(v.pk for v in versions))


NEUTRAL_PARAMS = ("format", "download", "token", "detail", "dimensionAtObservation")


def is_whole(params) -> bool:
    """No filter of any kind: the request asks for the whole flow as the stored file holds it."""
    return not any(v for k, v in params.items() if k not in NEUTRAL_PARAMS)


# --- writing ------------------------------------------------------------------------------------------
def _iter_xlsx(cube, agency) -> Iterable[bytes]:
    """XLSX in openpyxl's write-only mode: rows go to a temporary file, not into memory."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("数据")
    title = WriteOnlyCell(sheet, value=cube.dataset.title)
    title.font = Font(bold=True)
    sheet.append([title])
    sheet.append(outputs.flat_header(cube))
    for row in outputs.flat_rows(cube):
        sheet.append(row)
    sheet.append([])
    for line in outputs._footer(cube):
        sheet.append([line])
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        handle.seek(0)
        while chunk := handle.read(1 << 20):
            yield chunk


register_writer("csv", lambda cube, agency: outputs.iter_csv(cube))
register_writer("jsonstat", lambda cube, agency: outputs.iter_jsonstat(cube))
register_writer("xlsx", _iter_xlsx)


def _rows(cube) -> int:
    rows = 1
    for size in cube.size:
        rows *= size
    return rows


def write_files(dataset: Dataset, *, now: datetime | None = None, advance=None) -> list[FlowFile]:
    """Write the whole-flow files of `dataset` for the versions public at `now`; [] if none are."""
    now = now or timezone.now()
    if not selectors.public_datasets(dataset.agency, now).filter(pk=dataset.pk).exists():
        return []  # embargoed, not open, or withdrawn: nothing may be written
    versions = selectors.public_versions(dataset, now)
    key = versions_key(versions)
    written = []
    cube = None
    for fmt in formats():
        if FlowFile.objects.filter(dataset=dataset, fmt=fmt, versions_key=key).exists():
            continue
        if cube is None:
            cube = build_cube(dataset, versions=versions, stream_whole=True)
        if fmt == "xlsx" and _rows(cube) + 6 > XLSX_MAX_ROWS:
            continue
        written.append(_write_one(dataset, cube, fmt, key))
        if advance:
            advance(1)
    # Older keys are stale from now on: remove their files.
    for stale in FlowFile.objects.filter(dataset=dataset).exclude(versions_key=key):
        default_storage.delete(stale.path)
        stale.delete()
    return written


def _write_one(dataset: Dataset, cube, fmt: str, key: str) -> FlowFile:
    digest = hashlib.sha256()
    size = 0
    with tempfile.TemporaryFile() as handle:
        for chunk in _writers[fmt](cube, dataset.agency):
            handle.write(chunk)
            digest.update(chunk)
            size += len(chunk)
        handle.seek(0)
        # A random part: a conditional-access flow's file is never at a guessable path.
        name = f"{DIR}/{dataset.code}/{secrets.token_hex(8)}.{EXTENSIONS[fmt]}"
        path = default_storage.save(name, File(handle, name=name))
    return FlowFile.objects.create(
        dataset=dataset, fmt=fmt, versions_key=key, path=path, size=size, etag=f'"{digest.hexdigest()[:32]}"'
    )


# --- the job and the task -----------------------------------------------------------------------------
def stale_datasets(now: datetime) -> list[Dataset]:
    """Public datasets whose stored files do not match the versions public at `now`."""
    wanted = len(formats())
    found = []
    for agency in Agency.objects.all():
        for dataset in selectors.public_datasets(agency, now):
            key = versions_key(selectors.public_versions(dataset, now))
            have = FlowFile.objects.filter(dataset=dataset, versions_key=key).count()
            # xlsx is left out of a flow beyond Excel's rows: a key with files but no xlsx is complete
            if have == 0 or (have < wanted - 1):
                found.append(dataset)
    return found


def _pending(dataset: Dataset, key: str) -> bool:
    """A task for this dataset is queued or running, or one for these versions failed (e.g. a flow
    above the streaming limit): it is not queued again every minute; its downloads are streamed."""
    tried = BackgroundTask.objects.filter(kind=TASK, params__dataset=dataset.pk)
    return (
        tried.filter(state__in=[BackgroundTask.State.QUEUED, BackgroundTask.State.RUNNING]).exists()
        or tried.filter(state=BackgroundTask.State.FAILED, params__versions=key).exists()
    )


def queue_stale(now: datetime) -> int:
    count = 0
    for dataset in stale_datasets(now):
        key = versions_key(selectors.public_versions(dataset, now))
        if _pending(dataset, key):
            continue
        tasks.enqueue(
            TASK,
            title=f"生成整库下载文件：{dataset.title}",
            params={"dataset": dataset.pk, "versions": key},
            agency=dataset.agency,
            total=len(formats()),
        )
        count += 1
    return count


def remove_unpublished(now: datetime) -> int:
    """Delete the files of datasets that are no longer public at all (withdrawn, closed): they are
    never served (no public version set matches), and a withdrawn flow should not linger in storage."""
    public = [d.pk for agency in Agency.objects.all() for d in selectors.public_datasets(agency, now)]
    gone = list(FlowFile.objects.exclude(dataset_id__in=public))
    for stale in gone:
        default_storage.delete(stale.path)
        stale.delete()
    return len(gone)


@jobs.register("opendata.flow_files", every=timedelta(minutes=1))
def flow_files_job(now: datetime) -> int:
    remove_unpublished(now)
    return queue_stale(now)


@tasks.register(TASK)
def write_flow_files_task(task, advance) -> str:
    dataset = Dataset.objects.filter(pk=task.params["dataset"]).select_related("agency").first()
    if dataset is None:
        return "数据集已不存在，未生成。"
    written = write_files(dataset, advance=advance)
    if not written:
        return "没有需要生成的文件（数据尚未发布或文件已是最新）。"
    return "已生成：" + "、".join(f"{f.fmt}（{f.size:,} 字节）" for f in written)


# --- serving ------------------------------------------------------------------------------------------
def current_file(dataset: Dataset, versions, fmt: str) -> FlowFile | None:
    """The stored file of exactly these public versions, if it has been written."""
    if fmt not in _writers or not versions:
        return None
    return FlowFile.objects.filter(dataset=dataset, fmt=fmt, versions_key=versions_key(versions)).first()


def serve(request, access, fmt: str, *, whole: bool = True) -> HttpResponse | None:
    """The stored whole-flow file as a FileResponse with its ETag (304 when the client has it), or
    None when this request is not for a whole flow or no current file exists (stream as before)."""
    if not whole or access.as_of or not is_whole(request.GET):
        return None
    stored = current_file(access.dataset, access.versions, fmt)
    if stored is None:
        return None
    if stored.etag in [t.strip() for t in request.META.get("HTTP_IF_NONE_MATCH", "").split(",")]:
        response = HttpResponse(status=304)
        response["ETag"] = stored.etag
        return response
    try:
        handle = default_storage.open(stored.path, "rb")
    except OSError:
        logger.warning("flow file %s is missing from storage", stored.path)
        stored.delete()
        return None
    response = FileResponse(handle, content_type=CONTENT_TYPES[fmt])
    if fmt in ATTACHMENT:
        response["Content-Disposition"] = f'attachment; filename="{access.dataset.code}.{EXTENSIONS[fmt]}"'
    response["Content-Length"] = str(stored.size)
    response["ETag"] = stored.etag
    return response
