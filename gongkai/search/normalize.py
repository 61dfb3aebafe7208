"""Exact keys for 发文字号 and 索引号, tolerant of bracket kinds and full-/half-width forms.

`国办发〔2019〕6号`, `国办发[2019]6号`, `国办发(2019)6号`, `国办发【2019】6号`, `国办发［2019］6号` and
`国办发（2019）6号`, `国办发〖2019〗6号` and `国办发﹝2019﹞6号` all give the key `国办发(2019)6号`.
"""

import re
import unicodedata

# After NFKC, full-width （）［］ are already ASCII; the remaining kinds are mapped here.
_OPEN = "〔【[（［{｛〈《「『〖"
_CLOSE = "〕】]）］}｝〉》」』〗"
_BRACKETS = str.maketrans({**{c: "(" for c in _OPEN}, **{c: ")" for c in _CLOSE}})
_SPACES = re.compile(r"\s+")

# 国办发〔2019〕6号, 闽政〔2024〕1号, 福州统〔2023〕12号, 国函〔2023〕98号; the year may lack brackets.
DOCUMENT_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}\(?(19|20)\d{2}\)?第?\d{1,5}号$")
# 000014349/2019-00007, 350100TJJ/2024-00001, 11350100003591037R/2024-00012
INDEX_NUMBER = re.compile(r"^[0-9a-z]{6,20}/\d{4}-\d{3,8}$")


def key(value: str) -> str:
    """The lookup key of a document or index number ('' for empty)."""
    value = unicodedata.normalize("NFKC", value or "").translate(_BRACKETS)
    return _SPACES.sub("", value).lower()


def document_number_key(query: str) -> str | None:
    """The key when the whole query looks like a 发文字号, else None."""
    k = key(query)
    return k if DOCUMENT_NUMBER.match(k) else None


def index_number_key(query: str) -> str | None:
    """The key when the whole query looks like a 索引号, else None."""
    k = key(query)
    return k if INDEX_NUMBER.match(k) else None
