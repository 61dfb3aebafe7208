"""On the demo data, every figure of the assessment board (绩效考核) drills down to records that add up to it."""

import re
from decimal import Decimal

import pytest

from gongkai.assessment import measures
from gongkai.assessment.models import Scheme
from gongkai.demo.loader import load_demo


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return load_demo()


@pytest.mark.django_db
def test_every_board_figure_drills_down_to_records_that_add_up(client, demo):
    """Every cell of the board, for the current quarter and year, links to a drill-down whose records add up."""
    client.force_login(demo["users"]["gongkaiban"])
    assert Scheme.objects.get().openness_share == Decimal("5.00")
    checked = nonzero = 0
    for key in (measures.current_period("quarter").key, measures.current_period("year").key):
        board = client.get(f"/office/assessment/scores/?period={key}").content.decode()
        cells = re.findall(
            r'href="(/office/assessment/scores/[^"]+)" data-met="(\d+)" data-total="(\d+)"', board
        )
        assert len(cells) == len(measures.MEASURES) * (demo["agency"].departments.count() + 1)
        for url, met, total in cells:
            page = client.get(url.replace("&amp;", "&")).content.decode()
            rows = page.count('class="drill-row"')
            assert rows == int(total), url
            assert page.count('badge ok">达标') == int(met), url
            assert f'<strong id="drill-total">{total}</strong>' in page
            checked += 1
            nonzero += int(total) > 0
    assert checked and nonzero >= 3  # the demo gives records to judge, not only empty cells
    assert client.get("/office/assessment/scores.xlsx").status_code == 200
