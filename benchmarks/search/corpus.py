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


def demo_documents() -> list[SearchDocument]:
    """The demo's public documents as the demo publishes them (`make demo`), built from the demo
    modules' own constants without a database: the answered 留言 (each published four times, one a
    month, as `public_messages.demo` does — the near-duplicates a citizen sees), the bureau policy with
    its 解读 and 问答, the two 办事指南, the two consultations and the 2017 openness plan."""
    from datetime import datetime

    from gongkai.consultations import demo as consultations
    from gongkai.interpretations import demo as interpretations
    from gongkai.public_messages.demo import SAMPLES
    from gongkai.service_guides.demo import GUIDES

    def doc(type_, id_, title, body, year=2026, **kw):
        return SearchDocument(
            type=type_,
            id=f"demo:{type_}:{id_}",
            agency_id=1,
            title=title,
            url=f"/demo/{type_}/{id_.replace('#', '-')}/",
            body=body,
            year=year,
            published_at=datetime(year, 5, 12),
            validity="有效",
            **kw,
        )

    docs = []
    for month in range(4):
        for i, (_category, subject, body, reply, _days) in enumerate(SAMPLES):
            docs.append(doc("message", f"{i}#{month}", subject, f"{body}\n答复：{reply}"))
    p = interpretations
    docs.append(
        doc(
            "item", "policy", p.POLICY_TITLE, p.BODY, document_number="榕统〔2026〕5号", issuer="福州市统计局"
        )
    )
    docs.append(doc("interpretation", "text", f"《{p.POLICY_TITLE}》政策解读", p.TEXT))
    qa = "\n".join(f"问：{q}\n答：{a}" for q, a in p.QA)
    docs.append(doc("interpretation", "qa", f"《{p.POLICY_TITLE}》问答", qa))
    for code, name, elements, materials in GUIDES:
        body = "\n".join(
            [
                elements["basis"],
                elements["conditions"],
                elements["process"],
                elements["delivery"],
                elements["location"],
                elements["hours"],
                *(f"{m[0]} {m[1]} {m[3]}" for m in materials),
            ]
        )
        docs.append(doc("service_guide", code, name, body))
    docs.append(
        doc(
            "consultation",
            "open",
            consultations.OPEN_TITLE,
            "为规范统计执法检查工作，市统计局起草了本办法，现公开征求社会各界意见。"
            "本办法共六条，明确了适用范围、检查原则、“双随机、一公开”和执法人员要求。",
        )
    )
    docs.append(
        doc(
            "consultation",
            "closed",
            consultations.CLOSED_TITLE,
            "为提高统计数据质量，市统计局起草了本规定。"
            "统计数据质量管理坚持源头治理、全流程控制、全员参与的原则。",
        )
    )
    plan = (
        Path(__file__).resolve().parents[2] / "gongkai/demo/data/fzstats_2017_openness_plan.txt"
    ).read_text(encoding="utf-8")
    docs.append(doc("item", "plan2017", plan.splitlines()[0], plan, year=2017, issuer="福州市统计局"))
    return docs
