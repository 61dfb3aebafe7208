import json
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("workdays", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_add_prints_the_due_date():
    out, err = run("add", "2026-09-19", "20")
    assert out == "2026-10-22\n"
    assert err == ""


def test_add_json_into_an_unannounced_year_is_provisional():
    out, _ = run("add", "2026-12-20", "20", "--json")
    data = json.loads(out)
    assert list(data)[:4] == ["start", "days", "due", "provisional"]
    assert data["start"] == "2026-12-20"
    assert data["days"] == 20
    assert data["due"] == "2027-01-18"
    assert data["due"].startswith("2027-")
    assert data["provisional"] is True
    assert data["provisional_years"] == [2027]


def test_add_plain_says_when_provisional():
    out, _ = run("add", "2026-12-20", "20")
    lines = out.splitlines()
    assert lines[0] == "2027-01-18"
    assert lines[1].startswith("注意：2027年的节假日安排尚未公布")


def test_between_json():
    out, _ = run("between", "2026-09-19", "2026-10-22", "--json")
    data = json.loads(out)
    assert {k: data[k] for k in ("start", "end", "working_days", "provisional")} == {
        "start": "2026-09-19",
        "end": "2026-10-22",
        "working_days": 20,
        "provisional": False,
    }
    assert list(data)[:4] == ["start", "end", "working_days", "provisional"]
    assert run("between", "2026-09-22", "2026-10-09")[0] == "7\n"


@pytest.mark.parametrize(
    "args,message",
    [
        (("add", "2026-13-01", "20"), "错误：日期“2026-13-01”不存在"),
        (("add", "tomorrow", "20"), "错误：日期“tomorrow”格式不正确"),
        (("add", "2026-09-19", "twenty"), "错误：工作日天数“twenty”不是整数"),
        (("add", "2026-09-19", "-3"), "错误：工作日天数不能为负数"),
        (("add", "2100-01-01", "3"), "错误：只能计算 1901—2099 年的日期"),
        (("between", "2026-10-22", "2026-09-19"), "错误：结束日期不能早于开始日期"),
    ],
)
def test_bad_input_exits_2_with_a_chinese_message(args, message):
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("workdays", *args, stdout=out, stderr=err)
    assert exc.value.code == 2
    assert err.getvalue().startswith(message)
    assert out.getvalue() == ""


def test_seed_is_idempotent():
    out, _ = run("seed")
    assert out == "已写入 23 个年度：2004—2026。\n"
    out, _ = run("seed")
    assert out == "节假日安排已是最新，未作改动。\n"
