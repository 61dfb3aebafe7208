"""The embedded backend's phrase terms (pure functions, no index)."""

import re

import pytest

from gongkai.search.backends import base


def test_bigrams_of_han_and_latin_runs():
    assert base.bigrams(base.chars("居民消费")) == ["居民", "民消", "消费"]
    assert base.bigrams(base.chars("gdp cpi")) == ["gdp_cpi"]
    assert base.bigrams(base.chars("2019年gdp")) == ["2019年", "年gdp"]
    assert base.bigrams(["税"]) == ["税"]
    assert base.bigrams([]) == []


def test_bigrams_are_every_adjacent_pair_joined_by_bigram():
    # bigrams() pairs a list at a time (issue 19 item 4); each term is still `bigram(a, b)`.
    text = "2019年gdp cpi x9 增长6.1% www.gov.cn 居民消费 ab cd ef 税"
    tokens = base.chars(text)
    assert base.bigrams(tokens) == [base.bigram(a, b) for a, b in zip(tokens, tokens[1:], strict=False)]
    assert "ab_cd" in base.bigrams(tokens) and "cd_ef" in base.bigrams(tokens)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("居民", [(0, "居民")]),
        ("居民消", [(0, "居民"), (1, "民消")]),
        ("居民消费价格", [(0, "居民"), (2, "消费"), (4, "价格")]),
        ("居民消费价格指", [(0, "居民"), (2, "消费"), (4, "价格"), (5, "格指")]),
    ],
)
def test_phrase_bigrams_cover_every_character(text, expected):
    terms = base.phrase_bigrams(base.chars(text))
    assert terms == expected
    covered = {i + k for i, _ in terms for k in (0, 1)}
    assert covered == set(range(len(text)))


@pytest.mark.parametrize(
    "token, term, matches",
    [
        ("税", "税", True),
        ("税", "征税", True),
        ("税", "税收", True),
        ("税", "收入", False),
        ("gdp", "gdp", True),
        ("gdp", "gdp增", True),
        ("gdp", "年gdp", True),
        ("gdp", "gdp_cpi", True),
        ("gdp", "cpi_gdp", True),
        ("gdp", "xgdp", False),
        ("gdp", "年xgdp", False),
        ("gdp", "gdpx_cpi", False),
    ],
)
def test_single_token_pattern(token, term, matches):
    pattern = base.single_token_pattern(token).replace(r"\x{3400}", "\u3400")
    pattern = (
        pattern.replace(r"\x{9fff}", "\u9fff").replace(r"\x{f900}", "\uf900").replace(r"\x{faff}", "\ufaff")
    )
    assert bool(re.fullmatch(pattern, term)) is matches
