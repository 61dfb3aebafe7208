"""rjieba (jieba-rs) cuts exactly as jieba does, so the index and queries keep their tokens (ADR 0054)."""

import json
from pathlib import Path

import pytest

from gongkai.search import segment

ROOT = Path(segment.__file__).resolve().parents[1]
CORPORA = [
    ROOT / "demo/data/govcn_state_council_fulltext_60.jsonl",
    ROOT / "search/tests/data/govcn_sample12.jsonl",
]


def texts() -> list[str]:
    found = []
    for path in CORPORA:
        for line in path.read_text(encoding="utf-8").splitlines():
            found += [v for v in json.loads(line).values() if isinstance(v, str) and v]
    found.append((ROOT / "demo/data/fzstats_2017_openness_plan.txt").read_text(encoding="utf-8"))
    found += [
        "www.gov.cn/zhengce/content/2019-02/17/content_5365945.htm",
        "国办发〔2019〕5号 2019-00007 增长3.5%，同比-0.2个百分点 a+b c#d e&f 1_000",
        "个税 医保 gdp cpi 十四五 政府信息公开 依申请公开",
    ]
    return [segment.normalize_text(t) for t in found]


@pytest.fixture(scope="module")
def jieba_tokenizer():
    tokenizer = segment._load()
    if not segment._fast:
        pytest.skip("rjieba is not installed")
    return tokenizer


def test_rjieba_gives_jiebas_tokens_on_the_demo_and_test_corpora(jieba_tokenizer):
    different = [t[:60] for t in texts() if segment.cut(t) != list(jieba_tokenizer.cut(t, HMM=True))]
    assert different == []


def test_ascii_runs_with_punctuation_are_split_as_jieba_splits_them(jieba_tokenizer):
    assert segment.cut("www.gov.cn 2019-02-17 3.5%") == [
        "www",
        ".",
        "gov",
        ".",
        "cn",
        " ",
        "2019",
        "-",
        "02",
        "-",
        "17",
        " ",
        "3.5%",
    ]


def test_index_tokens_are_jiebas_search_mode_tokens(jieba_tokenizer):
    """The index tokens (cut by rjieba, expanded through a per-word cache) are those of jieba alone."""
    stops = segment.stop_words()

    def with_jieba(text):
        words = jieba_tokenizer.cut(segment.normalize_text(text), HMM=True)
        return [
            t for w in words for t in segment._with_parts(jieba_tokenizer.FREQ, w) if segment._keep(t, stops)
        ]

    for text in texts():
        assert segment.index_tokens(text) == with_jieba(text)
        assert segment.index_tokens(text) == with_jieba(text)  # again, from the cache
