"""The public opens the 政策解读 list, an interpretation, follows the link to its policy and back."""

from pathlib import Path

import pytest

from .conftest import png_bytes

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def _shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"interpretations-{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_follows_interpretation_to_policy_and_back(
    page, make_policy, make_interpretation, drafter, publish
):
    from gongkai.interpretations import services

    policy = make_policy(title="福州市统计局部门统计调查项目管理办法")
    qa = make_interpretation(
        policy,
        form="qa",
        title="《部门统计调查项目管理办法》问答",
        qa_pairs=[("哪些调查需要审批？", "调查对象包括系统外单位的，须报市统计局审批。")],
    )
    graphic = make_interpretation(
        policy,
        form="graphic",
        title="一图读懂部门统计调查项目管理办法",
        image_alt="图中分三步：一、立项；二、审批；三、实施。",
    )
    services.set_image(actor=drafter, interpretation=graphic, filename="一图读懂.png", data=png_bytes())
    for obj in (qa, graphic):
        publish(obj, author=drafter)
    publish(policy.revisions.get(), author=drafter)

    page.goto(page.base_url + "/zcjd/")
    assert page.get_by_role("heading", name="政策解读", level=1).is_visible()
    _shot(page, "list")
    page.get_by_role("link", name="《部门统计调查项目管理办法》问答").click()
    page.wait_for_url(f"**/zcjd/{qa.pk}/")
    assert page.locator("dl.qa dt").first.inner_text().endswith("哪些调查需要审批？")
    _shot(page, "qa")

    page.get_by_role("link", name="福州市统计局部门统计调查项目管理办法").click()
    page.wait_for_url(f"**/xxgk/items/{policy.slug}/")
    links = page.locator("section.interpretation-links a")
    assert links.count() == 2
    _shot(page, "policy")

    page.get_by_role("link", name="一图读懂部门统计调查项目管理办法").click()
    page.wait_for_url(f"**/zcjd/{graphic.pk}/")
    assert (
        page.locator("details .text-alternative").inner_text().strip()
        == "图中分三步：一、立项；二、审批；三、实施。"
    )
    _shot(page, "graphic")
