"""Large data uploads commit in the background (issue 12 item 6): the office's confirm stores the file
and queues a `core.BackgroundTask`; `gongkai worker` writes it with progress, never inside a request."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from gongkai.accounts.models import User
from gongkai.core import tasks
from gongkai.core.errors import NotFound

from . import services
from .models import Dataset, Release

COMMIT_UPLOAD = "opendata.commit_upload"
# A confirmed upload with more cells than this is written by the worker (local practice: a few seconds).
LARGE_IMPORT_CELLS = 5000
UPLOAD_DIR = "opendata/uploads"


def queue_commit(*, actor, dataset: Dataset, filename: str, data: bytes, note: str, release, cells: int):
    """Store the file and queue its commit; returns the task the office shows progress for."""
    stored = default_storage.save(f"{UPLOAD_DIR}/{dataset.code}.upload", ContentFile(data))
    return tasks.enqueue(
        COMMIT_UPLOAD,
        title=f"写入上传数据：{dataset.title}（{filename}）",
        params={
            "dataset": dataset.pk,
            "file": stored,
            "filename": filename,
            "note": note,
            "release": release.pk if release else None,
            "actor": actor.pk,
        },
        agency=dataset.agency,
        actor=actor,
        total=cells,
    )


@tasks.register(COMMIT_UPLOAD)
def commit_upload_task(task, advance) -> str:
    params = task.params
    dataset = Dataset.objects.filter(pk=params["dataset"]).first()
    actor = User.objects.filter(pk=params["actor"], is_active=True).first()
    if dataset is None or actor is None:
        raise NotFound("数据集或提交人已不存在，未写入。")
    release = Release.objects.filter(pk=params["release"]).first() if params.get("release") else None
    try:
        with default_storage.open(params["file"], "rb") as handle:
            data = handle.read()
        result = services.commit_upload(
            actor=actor,
            dataset=dataset,
            filename=params["filename"],
            data=data,
            note=params["note"],
            release=release,
            progress=advance,
        )
    finally:
        default_storage.delete(params["file"])
    number = result.version.number if result.version else "-"
    return f"已写入第 {number} 版：新增 {len(result.diff.new)}，修订 {len(result.diff.revised)}。"
