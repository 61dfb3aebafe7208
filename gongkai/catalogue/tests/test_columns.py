"""An agency's columns over the one resource library (issue 18 item 4, ADR 0050): stored once, shown
wherever it belongs; each agency's administrator manages its own columns, within the law."""

import pytest

from gongkai.accounts.factories import DepartmentFactory, UserFactory
from gongkai.accounts.roles import Role
from gongkai.catalogue import column_services, columns
from gongkai.catalogue.column_models import SiteColumn
from gongkai.catalogue.models import CatalogueNode, InformationItem
from gongkai.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent

from .column_fixtures import CITY_POLICY, withdraw

pytestmark = pytest.mark.django_db


def admin_of(agency):
    return UserFactory(agency=agency, department=DepartmentFactory(agency=agency), roles=[Role.ADMINISTRATOR])


def name_city_as_source(agency, city):
    superior = columns.superior_column(agency)
    column_services.update_column(
        actor=admin_of(agency), agency=agency, slug=superior.slug, label=superior.label, sources=[city]
    )


# --- 上级文件: one row, every agency's column ---------------------------------------------------------
def test_a_city_policy_shows_in_every_agencys_superior_column_without_a_copy(
    client, agency, city, district, city_policy, publish_item
):
    publish_item(city, "市政府办公厅2025年度报告", category="result")  # not a policy: stays on its own site
    name_city_as_source(agency, city)  # 统计局 names the city government; 鼓楼区 has it as its parent

    for path in ("/xxgk/higher-level/", "/bm/gulou/xxgk/higher-level/"):
        html = client.get(path).content.decode()
        assert CITY_POLICY in html, path
        assert f'href="/bm/fzszfb/xxgk/items/{city_policy.slug}/"' in html  # opened where it is stored
        assert "（市政府办公厅发布）" in html
        assert "市政府办公厅2025年度报告" not in html
    assert InformationItem.objects.filter(revisions__title=CITY_POLICY).count() == 1
    # an agency that neither names the city nor has it as parent does not show it
    assert columns.column_figures(city, columns.superior_column(city))[0] == 0


def test_a_withdrawal_upstream_withdraws_it_from_every_column(client, agency, city, district, city_policy):
    name_city_as_source(agency, city)
    assert CITY_POLICY in client.get("/bm/gulou/xxgk/higher-level/").content.decode()
    withdraw(city_policy)
    for path in ("/xxgk/higher-level/", "/bm/gulou/xxgk/higher-level/"):
        assert CITY_POLICY not in client.get(path).content.decode()


def test_the_columns_of_an_agency_start_as_the_site_map(agency):
    shown = columns.visible_columns(agency, "xxgk")
    assert [c.label for c in shown][:3] == ["政府信息公开指南", "政府信息公开目录", "法定主动公开内容"]
    assert not SiteColumn.objects.exists()  # reading writes nothing


# --- the administrator's changes --------------------------------------------------------------------
def test_rename_order_and_hide_drive_the_public_navigation(client, agency, admin_user):
    column_services.update_column(
        actor=admin_user, agency=agency, slug="catalogue-superior", label="上级政策文件", description="说明"
    )
    column_services.move_column(actor=admin_user, agency=agency, slug="catalogue-superior", direction="up")
    column_services.set_hidden(actor=admin_user, agency=agency, slug="key-tasks-tasks", hidden=True)

    html = client.get("/xxgk/").content.decode()
    assert '<a class="column-title" href="/xxgk/higher-level/">上级政策文件</a>' in html
    assert html.index("上级政策文件") < html.index(">规范性文件<")
    assert "重点任务与督查" not in html
    assert "重点任务与督查" not in client.get("/sitemap/").content.decode()
    verbs = set(AuditEvent.objects.filter(agency=agency).values_list("verb", flat=True))
    assert {"column.updated", "column.moved", "column.hidden"} <= verbs


def test_an_added_column_shows_its_query_and_a_merged_one_shows_under_the_target(
    client, agency, admin_user, publish_item
):
    node = CatalogueNode.objects.create(agency=agency, name="统计公报", code="tjgb")
    publish_item(agency, "2025年统计公报", category="result", node=node)
    publish_item(agency, "统计局2026年工作要点", category="decision")
    column_services.add_column(
        actor=admin_user, agency=agency, section="sjfb", label="公报汇编", slug="gbhb", node=node
    )
    column_services.add_column(
        actor=admin_user, agency=agency, section="xxgk", label="决策文件", slug="jcwj", category="decision"
    )
    html = client.get("/sjfb/lm/gbhb/").content.decode()
    assert "2025年统计公报" in html and "统计局2026年工作要点" not in html

    column_services.merge_columns(actor=admin_user, agency=agency, source="jcwj", target="gbhb")
    html = client.get("/sjfb/lm/gbhb/").content.decode()
    assert "2025年统计公报" in html and "统计局2026年工作要点" in html  # nothing moved or copied
    response = client.get("/xxgk/lm/jcwj/")
    assert response.status_code == 302 and response["Location"] == "/sjfb/lm/gbhb/"
    assert "决策文件" not in client.get("/xxgk/").content.decode()

    column_services.unmerge_column(actor=admin_user, agency=agency, slug="jcwj")
    assert client.get("/xxgk/lm/jcwj/").status_code == 404  # back on its own, hidden until shown
    column_services.set_hidden(actor=admin_user, agency=agency, slug="jcwj", hidden=False)
    assert "统计局2026年工作要点" in client.get("/xxgk/lm/jcwj/").content.decode()


def test_a_column_added_with_nothing_to_show_is_added_hidden_and_cannot_be_shown(agency, admin_user):
    row = column_services.add_column(
        actor=admin_user, agency=agency, section="xxgk", label="人事信息", slug="rsxx", category="management"
    )
    assert row.is_hidden
    with pytest.raises(Conflict, match="空白栏目"):
        column_services.set_hidden(actor=admin_user, agency=agency, slug="rsxx", hidden=False)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda a, u: column_services.merge_columns(actor=u, agency=a, source="mine", target="mine"),
            Conflict,
            "不能把栏目合并到它自己。",
        ),
        (
            lambda a, u: column_services.set_hidden(actor=u, agency=a, slug="catalogue-guide", hidden=True),
            Conflict,
            "「政府信息公开指南」是法定栏目，不能隐藏（《政府信息公开条例》第十二条（政府信息公开指南））。",
        ),
        (
            lambda a, u: column_services.set_hidden(actor=u, agency=a, slug="foi-landing", hidden=True),
            Conflict,
            "第二十八条",
        ),
        (
            lambda a, u: column_services.update_column(
                actor=u, agency=a, slug="annual-reports-list", label="年报"
            ),
            ValidationFailed,
            "法定栏目，名称不能更改（《政府信息公开条例》第四十九条",
        ),
        (
            lambda a, u: column_services.merge_columns(
                actor=u, agency=a, source="public-messages-list", target="mine"
            ),
            Conflict,
            "「留言办理」是功能栏目",
        ),
        (
            lambda a, u: column_services.merge_columns(
                actor=u, agency=a, source="mine", target="catalogue-guide"
            ),
            Conflict,
            "不是信息列表栏目",
        ),
        (
            lambda a, u: column_services.add_column(
                actor=u, agency=a, section="xxgk", label="无内容", slug="wnr"
            ),
            ValidationFailed,
            "请选择本栏目显示的目录事项或五公开类别。",
        ),
        (
            lambda a, u: column_services.add_column(
                actor=u, agency=a, section="xxgk", label="重名", slug="mine", category="result"
            ),
            ValidationFailed,
            "该网址标识已被本机关的其他栏目使用。",
        ),
        (
            lambda a, u: column_services.add_column(
                actor=u, agency=a, section="xxgk", label="中文标识", slug="栏目", category="result"
            ),
            ValidationFailed,
            "网址标识只能用小写英文字母",
        ),
        (
            lambda a, u: column_services.move_column(
                actor=u, agency=a, slug="catalogue-guide", direction="up"
            ),
            Conflict,
            "该栏目已在板块的最前。",
        ),
    ],
    ids=[
        "merge-into-itself",
        "hide-guide",
        "hide-foi",
        "rename-annual-report",
        "merge-a-page-column",
        "merge-into-a-page",
        "added-without-content",
        "slug-taken",
        "slug-not-ascii",
        "move-past-the-top",
    ],
)
def test_refusals_in_chinese_with_the_rule(agency, admin_user, call, error, message):
    column_services.add_column(
        actor=admin_user, agency=agency, section="xxgk", label="自建", slug="mine", category="result"
    )
    before = list(SiteColumn.objects.order_by("pk").values())
    with pytest.raises(error) as refused:
        call(agency, admin_user)
    assert message in refused.value.message
    assert list(SiteColumn.objects.order_by("pk").values()) == before


# --- tenancy ----------------------------------------------------------------------------------------
def test_one_agencys_administrator_cannot_change_another_agencys_columns(agency, other_agency, client):
    intruder = admin_of(other_agency)
    with pytest.raises(NotFound):
        column_services.set_hidden(actor=intruder, agency=agency, slug="catalogue-superior", hidden=True)
    with pytest.raises(NotFound):
        column_services.add_column(
            actor=intruder, agency=agency, section="xxgk", label="外来", slug="wl", category="result"
        )
    assert not SiteColumn.objects.filter(agency=agency).exists()
    # the office screen acts on the signed-in administrator's own agency only
    client.force_login(intruder)
    client.post("/office/catalogue/columns/catalogue-superior/hide/")
    assert SiteColumn.objects.get(agency=other_agency, builtin=columns.SUPERIOR).is_hidden
    assert not SiteColumn.objects.filter(agency=agency).exists()
    assert "上级文件" in client.get("/xxgk/").content.decode()


def test_a_role_without_the_permission_is_refused(agency, drafter, client):
    with pytest.raises(PermissionDenied, match="栏目由本机关系统管理员管理。"):
        column_services.set_hidden(actor=drafter, agency=agency, slug="catalogue-superior", hidden=True)
    client.force_login(drafter)
    assert client.post("/office/catalogue/columns/catalogue-superior/hide/").status_code == 403
    assert client.get("/office/catalogue/columns/").status_code == 403
    assert not SiteColumn.objects.exists()


# --- office screens ---------------------------------------------------------------------------------
def test_the_office_screen_lists_columns_with_their_figures_and_refusals(agency, admin_user, client):
    client.force_login(admin_user)
    html = client.get("/office/catalogue/columns/").content.decode()
    assert "栏目管理" in html and "法定栏目" in html and "空白栏目" in html
    response = client.post("/office/catalogue/columns/catalogue-guide/hide/", follow=True)
    assert "「政府信息公开指南」是法定栏目，不能隐藏" in response.content.decode()
    response = client.post(
        "/office/catalogue/columns/new/",
        {"section": "xxgk", "label": "财政资金", "slug": "czzj", "category": "result"},
        follow=True,
    )
    assert "已新增栏目「财政资金」（暂无公开信息，已先隐藏；发布信息后可显示）" in response.content.decode()
    response = client.post("/office/catalogue/columns/new/", {"section": "xxgk", "label": "", "slug": "x"})
    assert response.status_code == 422


# --- API ----------------------------------------------------------------------------------------------
def test_the_api_reads_an_agencys_columns(client, agency, city, district, admin_user):
    column_services.set_hidden(actor=admin_user, agency=agency, slug="key-tasks-tasks", hidden=True)
    body = client.get("/api/v1/agencies/fzstats/columns").json()
    xxgk = next(s for s in body["sections"] if s["slug"] == "xxgk")
    labels = [c["label"] for c in xxgk["columns"]]
    assert "重点任务与督查" not in labels and labels[0] == "政府信息公开指南"
    assert xxgk["columns"][0]["required_by"].startswith("《政府信息公开条例》第十二条")
    gulou = client.get("/api/v1/agencies/gulou/columns").json()
    superior = next(c for s in gulou["sections"] for c in s["columns"] if c["label"] == "上级文件")
    assert superior["url"] == "http://testserver/bm/gulou/xxgk/higher-level/" and superior["kind"] == "list"
    missing = client.get("/api/v1/agencies/nosuch/columns")
    assert missing.status_code == 404 and missing["Content-Type"].startswith("application/problem+json")
