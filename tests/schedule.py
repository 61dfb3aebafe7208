"""The order in which pytest-xdist's work-stealing scheduler (`--dist worksteal`) hands out the suite.

worksteal gives each worker one contiguous share of the collection at the start (the first worker
len/N, the next the rest's 1/(N-1), …) and later moves the tail half of the longest queue to a worker
that has run dry. The slow modules are dealt to the shares longest first (LPT), each at the head of its
share, so no worker starts a two-minute module when the others have nothing left; the short tests fill
the shares and are what gets stolen. Modules that use the demo go last in their share, except in the
first share that has any, which starts with them and so loads the demo (once per run, ADR 0048) while the others run
their own slow modules instead of waiting on its lock.

Seconds: one worker on a quiet 2-core machine (sessions 6 and 7, docs/performance.md). A module in
SPREAD is dealt test by test (its parametrised parts), any other as a whole (module fixtures stay
together)."""

SLOW = {
    "tests/browser/test_accessibility.py": 190,
    "tests/browser/test_visitor_layout.py": 90,
    "tests/test_permission_map.py": 110,
    "tests/test_api_schemathesis.py": 55,
    "tests/multiworker/test_two_workers.py": 40,
    "gongkai/web/tests/test_edgecache.py": 35,
    "tests/test_self_inspection_demo.py": 30,
    "tests/test_api_permission_map.py": 20,
    "gongkai/surveys/tests/test_browser.py": 22,
    "gongkai/outbox/tests/test_delivery_integration.py": 21,
    "tests/test_cityops_demo.py": 17,
    "tests/test_assessment_demo.py": 16,
}
SPREAD = {
    "tests/test_permission_map.py",
    "tests/test_api_permission_map.py",
    "tests/test_api_schemathesis.py",
}


def _module(item) -> str:
    return item.nodeid.split("::", 1)[0]


def _uses_demo(items) -> bool:
    return any("demo" in getattr(item, "fixturenames", ()) for item in items)


def share_sizes(total: int, workers: int) -> list[int]:
    """The sizes of worksteal's first shares (xdist.scheduler.worksteal: pending // nodes remaining)."""
    sizes = []
    for i in range(workers):
        size = total // (workers - i)
        sizes.append(size)
        total -= size
    return sizes


def ordered(items: list, workers: int) -> list:
    if workers < 2:
        return items
    units: dict[str, list] = {}
    rest = []
    for item in items:
        module = _module(item)
        if module in SLOW:
            units.setdefault(item.nodeid if module in SPREAD else module, []).append(item)
        else:
            rest.append(item)
    per_module: dict[str, int] = {}
    for key in units:
        per_module[key.split("::", 1)[0]] = per_module.get(key.split("::", 1)[0], 0) + 1

    def weight(key: str) -> float:
        module = key.split("::", 1)[0]
        return SLOW[module] / per_module[module]

    bins: list[list[str]] = [[] for _ in range(workers)]
    loads = [0.0] * workers
    for key in sorted(units, key=lambda k: (-weight(k), k)):
        slot = loads.index(min(loads))
        bins[slot].append(key)
        loads[slot] += weight(key)
    loader = next((slot for slot, keys in enumerate(bins) if any(_uses_demo(units[k]) for k in keys)), None)
    out = []
    for slot, (keys, size) in enumerate(zip(bins, share_sizes(len(items), workers), strict=True)):
        demo_first = slot == loader
        keys.sort(key=lambda k: _uses_demo(units[k]) != demo_first)  # stable: LPT order within each kind
        head = [item for key in keys for item in units[key]]
        fill = max(size - len(head), 0)
        out += head + rest[:fill]
        rest = rest[fill:]
    return out + rest
