"""The real documents of the project's shared data as SearchDocuments (for evaluate.py and bench.py).

Sources (see /work/shared/data/README.md for provenance): the 60 full-text State Council documents,
the 50-document policy sample, the 25 government work reports, and the 34.6k metadata records of the
State Council and six provincial policy libraries. Set GONGKAI_SHARED_DATA to point elsewhere.
"""

import csv
import gzip
import json
import os
from pathlib import Path

from gongkai.search.documents import SearchDocument
from gongkai.search.testing import govcn_document, parse_date

DATA = Path(os.environ.get("GONGKAI_SHARED_DATA", "/work/shared/data")) / "documents"


def _jsonl(name):
    with open(DATA / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def full_texts() -> list[SearchDocument]:
    docs = []
    for row in _jsonl("govcn_state_council_fulltext_60.jsonl"):
        d = govcn_document(row, type_name="item", url=f"/xxgk/govcn/{row['id']}/")
        docs.append(SearchDocument(**{**d.__dict__, "id": f"govcn:{row['id']}"}))
    for i, row in enumerate(_jsonl("policy_fulltext_sample50.jsonl")):
        published = parse_date(row.get("Publishing date") or row.get("Date") or "")
        docs.append(
            SearchDocument(
                type="item",
                id=f"sample:{i}",
                agency_id=None,
                title=(row["Title"] or "").replace("\n", " "),
                url=f"/xxgk/sample/{i}/",
                issuer=row.get("main_issuer", ""),
                body=row.get("Body") or "",
                year=published.year if published else None,
                published_at=published,
                validity="有效" if row.get("permanence") != "Temporary" else "暂行",
            )
        )
    for row in _jsonl("government_work_reports_2000_2025.jsonl"):
        published = parse_date(f"{row['year']}-03-05")
        docs.append(
            SearchDocument(
                type="report",
                id=f"report:{row['year']}",
                agency_id=None,
                title=row["title"],
                url=f"/zcjd/reports/{row['year']}/",
                issuer="国务院",
                body=row["content"],
                category="政府工作报告",
                year=int(row["year"]),
                published_at=published,
                validity="有效",
            )
        )
    return docs


def metadata_records():
    """The 34.6k + 5.8k metadata records (title, 文号, dates, organ), as dicts."""
    rows = []
    with gzip.open(DATA / "policy_metadata_7_organs.csv.gz", "rt", encoding="utf-8") as f:
        rows += list(csv.DictReader(f))
    with open(DATA / "policy_metadata_state_council_govcn.csv", encoding="utf-8") as f:
        rows += list(csv.DictReader(f))
    return [r for r in rows if r.get("title")]
