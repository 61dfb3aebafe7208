"""双随机: the draw is reproducible from its recorded seed, and re-running it verifies it."""

import pytest

from gongkai.enforcement import draw, services
from gongkai.enforcement.models import InspectionItem

OBJECTS = [f"福州市第{n}企业有限公司" for n in range(1, 31)]
INSPECTORS = [
    "林一（35010001）",
    "陈二（35010002）",
    "黄三（35010003）",
    "王四（35010004）",
    "郑五（35010005）",
]


def test_same_seed_and_pools_give_the_same_draw_whatever_the_pool_order():
    first = draw.draw(
        seed="abc123", objects=OBJECTS, inspectors=INSPECTORS, object_count=5, inspector_count=2
    )
    again = draw.draw(
        seed="abc123",
        objects=list(reversed(OBJECTS)),
        inspectors=INSPECTORS[::-1],
        object_count=5,
        inspector_count=2,
    )
    assert first == again
    assert len(set(first.objects)) == 5 and set(first.objects) <= set(OBJECTS)
    assert len(set(first.inspectors)) == 2 and set(first.inspectors) <= set(INSPECTORS)


def test_another_seed_draws_differently():
    a = draw.draw(seed="seed-a", objects=OBJECTS, inspectors=INSPECTORS, object_count=5, inspector_count=2)
    b = draw.draw(seed="seed-b", objects=OBJECTS, inspectors=INSPECTORS, object_count=5, inspector_count=2)
    assert a.objects != b.objects


def test_the_rank_is_plain_sha256_so_anyone_can_recompute_it():
    import hashlib

    result = draw.draw(
        seed="s", objects=["甲", "乙", "丙"], inspectors=["A", "B"], object_count=1, inspector_count=1
    )
    expected = min(
        ["甲", "乙", "丙"], key=lambda c: hashlib.sha256(f"s\x1fobjects\x1f{c}".encode()).hexdigest()
    )
    assert result.objects == (expected,)


@pytest.fixture
def inspection_item(agency):
    return InspectionItem.objects.create(
        agency=agency,
        name="统计调查对象统计数据质量检查",
        subject="规模以上工业企业",
        basis="《中华人民共和国统计法》第三十五条",
        method="现场检查",
    )


@pytest.mark.django_db
def test_recorded_draw_rerun_by_a_supervisor_gives_the_same_objects_and_inspectors(
    office_user, make_user, agency, inspection_item
):
    from gongkai.accounts.roles import Role

    inspection = services.create_inspection(
        actor=office_user,
        agency=agency,
        item=inspection_item,
        title="2026年第一批统计执法双随机抽查",
        objects="\n".join(OBJECTS),
        inspectors="\n".join(INSPECTORS),
        object_count=4,
        inspector_count=2,
    )
    inspection = services.perform_draw(actor=office_user, inspection=inspection)
    inspection.refresh_from_db()
    assert len(inspection.seed) == 32
    rerun = draw.draw(
        seed=inspection.seed, objects=OBJECTS, inspectors=INSPECTORS, object_count=4, inspector_count=2
    )
    assert list(rerun.objects) == inspection.drawn_objects
    assert list(rerun.inspectors) == inspection.drawn_inspectors
    supervisor = make_user(Role.SUPERVISOR)
    assert services.verify_draw(actor=supervisor, inspection=inspection) is True
    # A tampered record no longer verifies.
    inspection.drawn_objects = list(reversed(inspection.drawn_objects))
    assert services.verify_draw(actor=supervisor, inspection=inspection) is False


@pytest.mark.django_db
def test_a_draw_is_never_redrawn(office_user, agency, inspection_item):
    from gongkai.core.errors import InvalidTransition

    inspection = services.create_inspection(
        actor=office_user,
        agency=agency,
        item=inspection_item,
        title="抽查",
        objects=OBJECTS,
        inspectors=INSPECTORS,
        object_count=2,
        inspector_count=2,
    )
    services.perform_draw(actor=office_user, inspection=inspection)
    first = type(inspection).objects.get(pk=inspection.pk)
    with pytest.raises(InvalidTransition):
        services.perform_draw(actor=office_user, inspection=inspection)
    after = type(inspection).objects.get(pk=inspection.pk)
    assert (after.seed, after.drawn_objects) == (first.seed, first.drawn_objects)


@pytest.mark.django_db
def test_fewer_than_two_inspectors_is_refused_penalty_law_art_42(office_user, agency, inspection_item):
    from gongkai.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed, match="第四十二条"):
        services.create_inspection(
            actor=office_user,
            agency=agency,
            item=inspection_item,
            title="抽查",
            objects=OBJECTS,
            inspectors=INSPECTORS,
            object_count=2,
            inspector_count=1,
        )
    assert not type(inspection_item).objects.get(pk=inspection_item.pk).inspections.exists()
