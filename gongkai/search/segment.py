"""jieba segmentation for the index and for queries, loaded once per process.

The dictionary takes about a second and ~75 MB to load (STACK-NOTES): `warm()` is called from
gunicorn's `on_starting`/preload so that workers share it after fork; otherwise it loads lazily on the
first query. jieba 0.42 on Python 3.11 prints escape-sequence warnings and a "Building prefix dict"
log line: both are silenced here.

The cutting itself is done by rjieba (jieba-rs, the same dictionary and HMM in Rust, ~20× faster;
ADR 0054) with the same user dictionary and synonym words. jieba-rs keeps an ASCII run with `.`, `-`,
`_` whole (www.gov.cn, 2019-02-17) where jieba splits it at the punctuation: `_jieba_ascii` has jieba
cut those few tokens again, after which the tokens are jieba's, word for word (checked by
search/tests/test_segment_rjieba.py on the demo and test corpora). jieba's own tokenizer stays loaded for its
word frequencies (the words inside a long word, `word_parts`) and as the cutter when rjieba is missing.
"""

import logging
import re
import threading
import unicodedata
import warnings
from functools import cache
from itertools import chain
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
_lock = threading.Lock()
_tokenizer = None
_fast = None  # rjieba.Jieba configured like _tokenizer, or False when rjieba is not installed

# A token is kept when it holds a letter or digit; punctuation and spaces are dropped.
_WORDLIKE = re.compile(r"\w", re.UNICODE)
# Chinese numerals are in the ISO list but carry meaning in titles (十四五, 第七次).
_KEEP = set("一二三四五六七八九十")


def _load():
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                import jieba

                jieba.setLogLevel(logging.ERROR)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                tokenizer.load_userdict(str(DATA_DIR / "userdict.txt"))
                for word in synonym_words():  # 个税, 医保: whole tokens, so a synonym can match
                    if not word.isascii():  # gdp, cpi would split the run gdpcpi
                        tokenizer.add_word(word, 800)
            global _fast
            _fast = _load_fast()
            _tokenizer = tokenizer
    return _tokenizer


def _load_fast():
    """rjieba with the user dictionary and the synonym words, as `_load` configures jieba."""
    try:
        import rjieba
    except ImportError:  # pragma: no cover - an install without the wheel: jieba alone, slower
        return False
    fast = rjieba.Jieba()
    for line in (DATA_DIR / "userdict.txt").read_text(encoding="utf-8-sig").splitlines():
        word, *rest = line.strip().split() or [""]
        if word:
            freq = int(rest[0]) if rest and rest[0].isdigit() else None
            tag = rest[-1] if rest and not rest[-1].isdigit() else None
            fast.add_word(word, freq, tag)
    for word in synonym_words():
        if not word.isascii():
            fast.add_word(word, 800, None)
    return fast


_HAN = re.compile(r"[\u4E00-\u9FD5]")


def _jieba_ascii(tokenizer, tokens: list[str]) -> list[str]:
    """jieba-rs tokens, with a non-Chinese token that holds punctuation (www.gov.cn, 2019-02, c#d)
    cut again by jieba itself, which splits it at the punctuation save for dictionary words (c#)."""
    out = []
    for token in tokens:
        if len(token) > 1 and not token.isalnum() and not _HAN.search(token):
            out += tokenizer.cut(token, HMM=True)
        else:
            out.append(token)
    return out


def cut(text: str) -> list[str]:
    """jieba's precise mode with HMM (rjieba when installed: the same tokens)."""
    tokenizer = _load()
    if _fast:
        return _jieba_ascii(tokenizer, _fast.cut(text, True))
    return list(tokenizer.cut(text, HMM=True))


def synonym_words() -> list[str]:
    """Every word of data/synonyms.txt (they join the dictionary)."""
    words = []
    for line in (DATA_DIR / "synonyms.txt").read_text(encoding="utf-8").splitlines():
        words += normalize_text(line.split("#", 1)[0]).split()
    return list(dict.fromkeys(words))


def warm() -> None:
    """Loads the dictionary now (call before the server forks)."""
    _load()


@cache
def stop_words() -> frozenset[str]:
    words = (DATA_DIR / "stopwords-iso-zh.txt").read_text(encoding="utf-8").split()
    return frozenset(w for w in words if w not in _KEEP)


def normalize_text(text: str) -> str:
    """NFKC (full-width letters and digits become half-width) and lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def _keep(token: str, stops: frozenset[str]) -> bool:
    token = token.strip()
    return bool(token) and bool(_WORDLIKE.search(token)) and token not in stops


def _with_parts(freq, word: str):
    """jieba's search mode, extended to every dictionary word inside a long word.

    `cut_for_search` only adds the 2- and 3-character words inside a word; with a user dictionary of
    long terms (国民经济和社会发展统计公报) the 4-character 国民经济 would be missing, and a query for it
    would not find the document.
    """
    n = len(word)
    if n > 2:
        for size in range(2, n):
            for start in range(n - size + 1):
                part = word[start : start + size]
                if freq.get(part):
                    yield part
    yield word


class _IndexTokens(dict):
    """A token of the cut → its index tokens (the dictionary words inside it and itself, stop words
    and punctuation dropped), computed on first sight: the same few thousand words recur in every
    document. Bounded: past MAX_CACHED_TOKENS new tokens are computed and not kept."""

    def __missing__(self, token: str) -> tuple[str, ...]:
        tokenizer, stops = _load(), stop_words()
        words = _jieba_ascii(tokenizer, [token]) if _fast else [token]
        found = tuple(t for word in words for t in _with_parts(tokenizer.FREQ, word) if _keep(t, stops))
        if len(self) < MAX_CACHED_TOKENS:
            self[token] = found
        return found


MAX_CACHED_TOKENS = 300_000
_INDEX_TOKENS = _IndexTokens()


def index_tokens(text: str) -> list[str]:
    """Search-mode tokens (words plus the dictionary words inside them) for the index."""
    if not text:
        return []
    tokenizer = _load()
    text = normalize_text(text)
    tokens = _fast.cut(text, True) if _fast else tokenizer.cut(text, HMM=True)
    return list(chain.from_iterable(map(_INDEX_TOKENS.__getitem__, tokens)))


def query_words(text: str) -> list[str]:
    """Precise-mode words of a query, without stop words and duplicates, in order.

    Every precise-mode word is also a search-mode token of the same text, so a word is found in the
    index wherever the document says it.
    """
    stops = stop_words()
    words = [t.strip() for t in cut(normalize_text(text)) if _keep(t, stops)]
    return list(dict.fromkeys(words))


def word_parts(word: str) -> tuple[str, ...]:
    """The dictionary words that spell out a long query word (改革方案 → 改革, 方案), or ().

    A document may say 改革实施方案 and never 改革方案: the query then accepts either the whole word
    or all of its parts.
    """
    if len(word) < 4 or word.isascii():  # 2020, gdp: not spelt out by dictionary words
        return ()
    freq = _load().FREQ
    parts, i, n = [], 0, len(word)
    while i < n:
        for size in range(min(n - i, n - 1), 1, -1):
            if freq.get(word[i : i + size]):
                parts.append(word[i : i + size])
                i += size
                break
        else:
            parts.append(word[i])
            i += 1
    stops = stop_words()
    parts = [p for p in parts if _keep(p, stops)]
    return tuple(parts) if len(parts) > 1 else ()
