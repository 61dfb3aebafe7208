"""Enforcement decisions, inspection results and dishonesty listings in the site search (masked)."""

from django.urls import reverse
from django.utils import timezone

from gongkai.core.models import Agency
from gongkai.search import registry, services
from gongkai.search.documents import SearchDocument

from . import masking, selectors
from .models import Decision, DishonestyListing, Inspection

DECISION, INSPECTION, LISTING = "enforcement_decision", "random_inspection", "dishonesty_listing"


def _decision_doc(d: Decision) -> SearchDocument:
    texts = masking.public_texts(d)
    return SearchDocument(
        type=DECISION,
        id=str(d.pk),
        agency_id=d.agency_id,
        title=f"{d.get_kind_display()}决定：{texts['title']}",
        url=reverse("enforcement:decision", args=[d.pk]),
        issuer=d.agency.name,
        summary=texts["outcome"][:200],
        body="\n\n".join(
            (d.document_number, texts["party"], texts["facts"], texts["basis"], texts["outcome"])
        ),
        category="行政执法公示",
        year=d.decided_on.year,
        published_at=d.published_at,
    )


def _inspection_doc(i: Inspection) -> SearchDocument:
    return SearchDocument(
        type=INSPECTION,
        id=str(i.pk),
        agency_id=i.agency_id,
        title=i.title,
        url=reverse("enforcement:inspection", args=[i.pk]),
        issuer=i.agency.name,
        summary=i.results[:200],
        body="\n\n".join((i.item.name, "、".join(i.drawn_objects), i.results)),
        category="双随机一公开",
        year=i.created_at.year,
        published_at=i.results_published_at,
    )


def _listing_doc(listing: DishonestyListing) -> SearchDocument:
    return SearchDocument(
        type=LISTING,
        id=str(listing.pk),
        agency_id=listing.agency_id,
        title=listing.enterprise_name,
        url=reverse("enforcement:dishonest"),
        issuer=listing.agency.name,
        summary=listing.facts[:200],
        body="\n\n".join((listing.credit_code, listing.facts, listing.basis)),
        category="统计严重失信企业",
        year=listing.decided_on.year,
        published_at=listing.listed_at,
    )


def _decision_for(obj):
    d = Decision.objects.filter(pk=getattr(obj, "pk", obj)).select_related("agency").first()
    return _decision_doc(d) if d and selectors.public_decisions(d.agency).filter(pk=d.pk).exists() else None


def _inspection_for(obj):
    i = Inspection.objects.filter(pk=getattr(obj, "pk", obj), results_published_at__isnull=False).first()
    return _inspection_doc(i) if i else None


def _listing_for(obj):
    listing = DishonestyListing.objects.filter(pk=getattr(obj, "pk", obj)).select_related("agency").first()
    if (
        listing is None
        or not selectors.public_listings(listing.agency, timezone.now()).filter(pk=listing.pk).exists()
    ):
        return None
    return _listing_doc(listing)


def _all(make, qs_for):
    def iterate():
        for agency in Agency.objects.all():
            for obj in qs_for(agency):
                yield make(obj)

    return iterate


def sync_decision(d) -> None:
    services.sync_object(DECISION, d)


def sync_inspection(i) -> None:
    services.sync_object(INSPECTION, i)


def sync_listing(listing) -> None:
    services.sync_object(LISTING, listing)


def register_search() -> None:
    registry.register(
        registry.SearchType(
            DECISION,
            "行政执法决定",
            _all(_decision_doc, lambda a: selectors.public_decisions(a).select_related("agency")),
            _decision_for,
            order=71,
        )
    )
    registry.register(
        registry.SearchType(
            INSPECTION,
            "双随机抽查结果",
            _all(
                _inspection_doc,
                lambda a: selectors.public_inspections(a).filter(results_published_at__isnull=False),
            ),
            _inspection_for,
            order=72,
        )
    )
    registry.register(
        registry.SearchType(
            LISTING,
            "统计严重失信企业",
            _all(_listing_doc, lambda a: selectors.public_listings(a).select_related("agency")),
            _listing_for,
            order=73,
        )
    )
