"""The embedded backend's counts: type counts and facets over every match, or estimated from one
sample shard when there are very many (a mixin of `TantivyBackend`, which provides `_query`)."""

from tantivy import Occur, Query

from . import base

SHARDS = 16  # documents are spread over this many sample shards by their key
SAMPLE_FROM = 10_000  # above this many matches, type counts and facets come from shard 0, scaled
FACET_FIELDS = ("year", "category", "issuer", "validity")
AGENCY_FACET_SIZE = (
    100  # the city-wide search's agency facet (not a FACET_FIELD: only without an agency filter)
)


class TantivyCounts:
    def _facets(self, searcher, schema, q, require_all, total):
        """Type counts (over the query without its type filter), facets (with it), and whether they
        are estimates. Counting needs no score, so the boosts are left out; without a type filter
        both come from one aggregation. Each aggregation evaluates the whole query again, and over
        hundreds of thousands of matches the counting itself costs 10-15 ms at 1M documents: above
        SAMPLE_FROM matches the counts come from sample shard 0 (1/16 of the documents), scaled."""
        type_spec = {"type": {"terms": {"field": "type", "size": 50}}}
        spec = {name: {"terms": {"field": name, "size": 12}} for name in FACET_FIELDS}
        if not q.filters.agency_id:  # the city-wide search: the agency facet (issue 18 item 2)
            spec["agency"] = {"terms": {"field": "agency", "size": AGENCY_FACET_SIZE}}
        plain = self._query(schema, q, require_all, boost=False, searcher=searcher)
        if not q.filters.types:
            if not total:
                return {}, {}, False
            result, estimated = self._aggregate(searcher, schema, plain, {**type_spec, **spec}, total)
            return _buckets(result["type"], estimated), self._facet_values(result, estimated), estimated
        untyped = self._query(schema, q, require_all, with_types=False, boost=False, searcher=searcher)
        result, estimated = self._aggregate(searcher, schema, untyped, type_spec, None)
        type_counts = _buckets(result["type"], estimated)
        facets = {}
        if total:
            result, facets_estimated = self._aggregate(searcher, schema, plain, spec, total)
            facets = self._facet_values(result, facets_estimated)
            estimated = estimated or facets_estimated
        return type_counts, facets, estimated

    def _aggregate(self, searcher, schema, query, spec, total: int | None):
        """The aggregation over every match, or over the sample shard when there are more than
        SAMPLE_FROM (`total` None: not known yet, so the sample is taken first and the exact count
        follows when the sample shows the matches are few). Returns (result, estimated)."""
        if total is None or total > SAMPLE_FROM:
            sample = Query.boolean_query(
                [(Occur.Must, query), (Occur.Must, Query.term_query(schema, "shard", 0))]
            )
            result = searcher.aggregate(sample, spec)
            first = next(iter(spec))
            seen = sum(b["doc_count"] for b in result[first]["buckets"])
            if total is not None or seen * SHARDS > SAMPLE_FROM:
                return result, True
        return searcher.aggregate(query, spec), False

    @staticmethod
    def _facet_values(result, estimated: bool) -> dict:
        facets = {}
        for name in FACET_FIELDS:
            buckets = [(str(k), c) for k, c in _buckets(result[name], estimated).items() if k not in ("", 0)]
            if name == "year":
                buckets = [(str(int(float(k))), c) for k, c in buckets]
                buckets.sort(key=lambda b: b[0], reverse=True)
            facets[name] = buckets
        if "agency" in result:
            facets["agency"] = [
                (str(int(float(k))), c)
                for k, c in _buckets(result["agency"], estimated).items()
                if k not in ("", 0)
            ]
        return facets


def _buckets(aggregation: dict, estimated: bool) -> dict:
    """A terms aggregation's buckets as {value: count}, scaled up from the sample when estimated."""
    if not estimated:
        return {b["key"]: b["doc_count"] for b in aggregation["buckets"]}
    return {b["key"]: max(1, base.round_estimate(b["doc_count"] * SHARDS)) for b in aggregation["buckets"]}
