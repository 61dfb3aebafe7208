"""The suite's order under pytest-xdist (tests/schedule.py): every test exactly once, the slow modules
at the head of the workers' first shares, the demo's first in one share only."""

from types import SimpleNamespace

from tests import schedule


def _item(nodeid, demo=False):
    return SimpleNamespace(nodeid=nodeid, fixturenames=["db", "demo"] if demo else ["db"])


def _collection():
    items = [_item(f"gongkai/x/tests/test_{i}.py::test_{j}") for i in range(40) for j in range(5)]
    items += [_item(f"tests/test_permission_map.py::test_office[part{i}]", demo=True) for i in range(6)]
    items += [
        _item("tests/browser/test_accessibility.py::test_a"),
        _item("tests/browser/test_accessibility.py::test_b"),
    ]
    items += [_item("tests/test_cityops_demo.py::test_one", demo=True)]
    items += [_item("tests/test_cityops_demo.py::test_two", demo=True)]
    items += [
        _item("tests/browser/test_visitor_layout.py::test_a"),
        _item("gongkai/web/tests/test_edgecache.py::t"),
    ]
    return items


def test_share_sizes_are_those_of_xdists_worksteal():
    assert schedule.share_sizes(10, 3) == [3, 3, 4]
    assert sum(schedule.share_sizes(2965, 3)) == 2965


def test_every_test_once_and_the_slow_ones_lead_each_share():
    items = _collection()
    out = schedule.ordered(items, 3)
    assert sorted(i.nodeid for i in out) == sorted(i.nodeid for i in items)
    starts = [0]
    for size in schedule.share_sizes(len(out), 3)[:-1]:
        starts.append(starts[-1] + size)
    heads = [out[start].nodeid.split("::")[0] for start in starts]
    assert all(head in schedule.SLOW for head in heads)
    # the two cityops tests stay together (a module is dealt whole unless it is in SPREAD)
    where = [n for n, i in enumerate(out) if "test_cityops_demo" in i.nodeid]
    assert where[1] == where[0] + 1
    # the sweep's parts are spread (longest first: the accessibility module has a share to itself)
    shares = {
        next(k for k, s in enumerate(starts[::-1]) if n >= s) for n, i in enumerate(out) if "part" in i.nodeid
    }
    assert len(shares) == 2
    # one share starts with the demo (its worker loads it); the others start without it
    assert sum("demo" in out[start].fixturenames for start in starts) == 1


def test_one_worker_keeps_the_collection_order():
    items = _collection()
    assert schedule.ordered(items, 1) == items
