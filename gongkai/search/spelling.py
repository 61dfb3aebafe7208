""" "您是不是要找": a misspelt word corrected from the vocabulary (issue 17; pure apart from pypinyin).

The vocabulary is the jieba user dictionary (`data/userdict.txt`) and the synonym data: the terms
of government affairs a citizen looks for. A stretch of the query that is not a word of it but
differs from one in one character is a candidate: a homophone (same pinyin, 双随即 → 双随机) is
preferred, then any one-character slip in a word of three characters or more (双随基 → 双随机);
two-character stretches need the same pinyin. The caller checks that the corrected word occurs in
the index and that the stretch itself is not found in the results.
"""

import re
from functools import cache

from pypinyin import lazy_pinyin

from . import segment

_HAN = re.compile(r"[\u3400-\u9fff]+")
MAX_WORD = 8  # longest vocabulary word considered


@cache
def vocabulary() -> frozenset[str]:
    words = []
    for line in (segment.DATA_DIR / "userdict.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            words.append(segment.normalize_text(line.split()[0]))
    words += segment.synonym_words()
    return frozenset(w for w in words if 2 <= len(w) <= MAX_WORD and _HAN.fullmatch(w))


@cache
def _masks() -> dict[str, tuple[str, ...]]:
    """`双?机` → (双随机,): each word with one character masked."""
    out: dict[str, list[str]] = {}
    for w in vocabulary():
        for i in range(len(w)):
            out.setdefault(w[:i] + "?" + w[i + 1 :], []).append(w)
    return {k: tuple(sorted(v)) for k, v in out.items()}


@cache
def pinyin(word: str) -> tuple[str, ...]:
    return tuple(lazy_pinyin(word))


def candidates(text: str) -> list[tuple[str, str, bool]]:
    """(stretch of the query, vocabulary word, homophone) for every one-character slip, longest
    stretches first, homophones before others."""
    vocab, masks = vocabulary(), _masks()
    found = []
    for run in _HAN.findall(segment.normalize_text(text)):
        covered = [False] * len(run)  # inside a correctly written vocabulary word
        for size in range(2, min(len(run), MAX_WORD) + 1):
            for start in range(len(run) - size + 1):
                if run[start : start + size] in vocab:
                    covered[start : start + size] = [True] * size
        for size in range(min(len(run), MAX_WORD), 1, -1):
            for start in range(len(run) - size + 1):
                stretch = run[start : start + size]
                if stretch in vocab or all(covered[start : start + size]):
                    continue
                for i in range(size):
                    for word in masks.get(stretch[:i] + "?" + stretch[i + 1 :], ()):
                        same_sound = pinyin(word) == pinyin(stretch)
                        if same_sound or size >= 3:
                            found.append((stretch, word, same_sound))
    found.sort(key=lambda c: (-len(c[0]), not c[2]))
    return list(dict.fromkeys(found))


def correct(text: str, *, accept) -> str:
    """The query with its first acceptable correction (`accept(stretch, word)`), or ''."""
    norm = segment.normalize_text(" ".join((text or "").split()))
    for stretch, word, _ in candidates(norm):
        if accept(stretch, word):
            return norm.replace(stretch, word, 1)
    return ""
