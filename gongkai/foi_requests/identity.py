"""Applicant identity numbers: validated with python-stdnum, kept only masked and as a keyed digest."""

import hashlib
import hmac

from django.conf import settings
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

from gongkai.core.errors import ValidationFailed

RESIDENT_ID = "resident_id"
CREDIT_CODE = "credit_code"


def normalise(id_type: str, number: str) -> str:
    """The compact, validated number; raises ValidationFailed with a Chinese message."""
    number = (number or "").strip().replace(" ", "").upper()
    if not number:
        raise ValidationFailed("请填写身份证明号码。", field="id_number")
    try:
        if id_type == RESIDENT_ID:
            return ric.validate(number)
        if id_type == CREDIT_CODE:
            return uscc.validate(number)
    except StdnumError:
        label = "居民身份证号码" if id_type == RESIDENT_ID else "统一社会信用代码"
        raise ValidationFailed(f"{label}不正确，请核对后重新填写。", field="id_number")
    if len(number) < 4 or len(number) > 40:
        raise ValidationFailed("身份证明号码长度不正确。", field="id_number")
    return number


def mask(id_type: str, number: str) -> str:
    keep_start = {RESIDENT_ID: 6, CREDIT_CODE: 4}.get(id_type, 0)
    keep_end = 4 if len(number) > keep_start + 4 else 1
    hidden = len(number) - keep_start - keep_end
    return number[:keep_start] + "*" * max(hidden, 0) + number[-keep_end:]


def digest(id_type: str, number: str) -> str:
    key = settings.SECRET_KEY.encode("utf-8")
    return hmac.new(key, f"{id_type}:{number}".encode(), hashlib.sha256).hexdigest()
