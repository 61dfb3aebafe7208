"""The demo holds the self-inspection of the last complete year, half done."""

from django.utils import timezone

from gongkai.confidentiality.models import NegativeListEntry
from gongkai.demo.loader import load_demo
from gongkai.self_inspection import selectors
from gongkai.self_inspection.models import Campaign


def test_demo_campaign_of_last_year_with_some_decisions(client, demo):
    campaign = Campaign.objects.get()
    assert campaign.year == timezone.localdate().year - 1 and campaign.status == "open"
    kinds = {e.kind for e in campaign.entries.all()}
    assert {"catalogue_withheld", "catalogue_on_request", "negative_match", "foi_withheld"} <= kinds
    figures = selectors.figures(campaign)
    assert (figures.to_publish, figures.published, figures.kept) == (1, 1, 2)
    assert figures.undecided == figures.total - 3 > 0
    active = NegativeListEntry.objects.filter(agency=demo["agency"], is_active=True).count()
    assert figures.negative_total == active and figures.negative_unreviewed == active - 2
    published = campaign.entries.get(decision="publish")
    assert selectors.publication_state(published) == "已公开"
    client.force_login(demo["users"]["gongkaiban"])
    page = client.get(f"/office/self-inspection/{campaign.pk}/").content.decode()
    assert (
        "规模以上工业企业联网直报企业名单" in page
        and "某企业2024年统计执法检查的处罚决定书及调查材料" in page
    )
    load_demo()  # loading again adds nothing
    assert Campaign.objects.count() == 1
