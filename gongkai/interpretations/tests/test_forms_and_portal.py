"""Form-specific requirements (alt text, transcript, Q&A) and the public pages."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core.errors import ValidationFailed
from gongkai.interpretations import services
from gongkai.interpretations.models import Interpretation

from .conftest import MP4, png_bytes

pytestmark = pytest.mark.django_db


def test_a_graphic_needs_its_text_alternative(make_policy, make_interpretation):
    policy = make_policy()
    with pytest.raises(ValidationFailed) as refused:
        make_interpretation(policy, form="graphic", title="一图读懂", image_alt="")
    assert refused.value.field == "image_alt"
    assert Interpretation.objects.count() == 0


def test_a_recording_needs_its_transcript(make_policy, make_interpretation):
    with pytest.raises(ValidationFailed) as refused:
        make_interpretation(
            make_policy(), form="media", title="视频解读", media_url="https://example.org/v.mp4"
        )
    assert refused.value.field == "transcript"


def test_the_database_refuses_a_graphic_without_words(agency, make_policy):
    policy = make_policy()
    with pytest.raises(IntegrityError), transaction.atomic():
        Interpretation.objects.create(agency=agency, policy=policy, form="graphic", title="图解")


def test_the_alt_text_cannot_be_removed_later(make_policy, make_interpretation, drafter):
    graphic = make_interpretation(
        make_policy(), form="graphic", title="一图读懂", image_alt="图中三个要点：……"
    )
    with pytest.raises(ValidationFailed):
        services.update_interpretation(actor=drafter, interpretation=graphic, image_alt="")


def test_each_form_is_complete_only_with_its_content(make_policy, make_interpretation, drafter):
    policy = make_policy()
    graphic = make_interpretation(policy, form="graphic", title="一图读懂", image_alt="要点一、二、三")
    with pytest.raises(ValidationFailed, match="上传图片"):
        services.check_complete(graphic)
    services.set_image(actor=drafter, interpretation=graphic, filename="一图读懂.png", data=png_bytes())
    graphic.refresh_from_db()
    services.check_complete(graphic)

    qa = make_interpretation(policy, form="qa", title="问答", qa_pairs=[])
    with pytest.raises(ValidationFailed, match="至少要有一组问答"):
        services.check_complete(qa)
    with pytest.raises(ValidationFailed, match="第 1 组"):
        services.set_qa_pairs(actor=drafter, interpretation=qa, pairs=[("只有问题", "")])
    services.set_qa_pairs(
        actor=drafter, interpretation=qa, pairs=[("问一", "答一"), ("", ""), ("问二", "答二")]
    )
    assert list(qa.qa_pairs.values_list("question", flat=True)) == ["问一", "问二"]

    media = make_interpretation(policy, form="media", title="视频", transcript="主持人：……")
    with pytest.raises(ValidationFailed, match="文字实录"):
        services.check_complete(media)
    services.set_media_file(actor=drafter, interpretation=media, filename="解读.mp4", data=MP4)
    media.refresh_from_db()
    assert media.media_mime == "video/mp4"
    services.check_complete(media)


def test_files_are_checked_by_content(make_policy, make_interpretation, drafter):
    policy = make_policy()
    graphic = make_interpretation(policy, form="graphic", title="一图读懂", image_alt="说明")
    with pytest.raises(ValidationFailed):
        services.set_image(
            actor=drafter, interpretation=graphic, filename="a.png", data=b"%PDF-1.4 not an image"
        )
    media = make_interpretation(policy, form="media", title="视频", transcript="实录")
    with pytest.raises(ValidationFailed, match="音视频"):
        services.set_media_file(actor=drafter, interpretation=media, filename="v.mp4", data=b"<html>")


@pytest.fixture
def published_pair(make_policy, make_interpretation, drafter, publish):
    policy = make_policy()
    qa = make_interpretation(
        policy,
        form="qa",
        title="统计调查项目管理办法问答",
        qa_pairs=[
            ("哪些调查需要审批？", "部门统计调查项目须经审批或备案。"),
            ("审批需要多长时间？", "一般在20个工作日内办结。"),
        ],
    )
    text = make_interpretation(policy, title="统计调查项目管理办法文字解读")
    publish(qa, author=drafter)
    publish(text, author=drafter)
    publish(policy.revisions.get(), author=drafter)
    policy.refresh_from_db()
    return policy, qa, text


def test_public_list_detail_and_the_link_both_ways(client, published_pair):
    policy, qa, text = published_pair
    listing = client.get("/zcjd/").content.decode()
    assert "统计调查项目管理办法问答" in listing and "统计调查项目管理办法文字解读" in listing
    assert "共 <strong>2</strong> 条" in listing
    assert client.get("/zcjd/?form=qa").content.decode().count(f"/zcjd/{qa.pk}/") == 1
    assert "统计调查项目管理办法文字解读" not in client.get("/zcjd/qa/").content.decode()

    page = client.get(f"/zcjd/{qa.pk}/").content.decode()
    assert '<dl class="qa">' in page
    assert '<dt><span class="q-mark" aria-hidden="true">问</span>哪些调查需要审批？</dt>' in page
    assert f'href="/xxgk/items/{policy.slug}/"' in page  # to the policy

    policy_page = client.get(f"/xxgk/items/{policy.slug}/").content.decode()
    assert "政策解读" in policy_page
    assert f'href="/zcjd/{qa.pk}/"' in policy_page and f'href="/zcjd/{text.pk}/"' in policy_page  # and back


def test_graphic_and_media_pages_show_their_text(client, make_policy, make_interpretation, drafter, publish):
    policy = make_policy()
    graphic = make_interpretation(
        policy, form="graphic", title="一图读懂管理办法", image_alt="图中列出三项要求：立项、审批、实施。"
    )
    services.set_image(actor=drafter, interpretation=graphic, filename="一图读懂.png", data=png_bytes())
    media = make_interpretation(
        policy,
        form="media",
        title="视频解读管理办法",
        transcript="主持人：今天我们解读……",
        media_url="https://example.org/v.mp4",
    )
    for obj in (graphic, media):
        publish(obj, author=drafter)
    publish(policy.revisions.get(), author=drafter)
    page = client.get(f"/zcjd/{graphic.pk}/").content.decode()
    assert "<details open>" in page and "图中列出三项要求：立项、审批、实施。" in page
    image = client.get(f"/zcjd/{graphic.pk}/image/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    page = client.get(f"/zcjd/{media.pk}/").content.decode()
    assert "文字实录" in page and "主持人：今天我们解读……" in page


def test_nothing_shows_before_the_policy_is_public(
    client, make_policy, make_interpretation, drafter, publish
):
    policy = make_policy()
    interpretation = make_interpretation(policy)
    publish(interpretation, author=drafter)  # approved, but its policy is still a draft
    assert client.get(f"/zcjd/{interpretation.pk}/").status_code == 404
    assert "共 <strong>0</strong> 条" in client.get("/zcjd/").content.decode()
    publish(policy.revisions.get(), author=drafter, publish_at=timezone.now() + timedelta(hours=2))
    assert client.get(f"/zcjd/{interpretation.pk}/").status_code == 404  # the policy is scheduled


def test_feeds_and_bad_input(client, published_pair):
    rss = client.get("/zcjd/feed/rss/")
    assert rss.status_code == 200 and "统计调查项目管理办法问答" in rss.content.decode()
    assert client.get("/zcjd/feed/atom/").status_code == 200
    assert client.get("/zcjd/?year=abc&page=xyz&form=nonsense").status_code == 200
    assert client.get("/zcjd/999999/").status_code == 404
