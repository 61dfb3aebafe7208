"""The PostgreSQL backend's table: one row per public document, derived from the content apps.

The table exists on every database so that migrations are the same; only the postgres backend reads
and writes it. The GIN index is created on PostgreSQL only (migration 0002).
"""

from django.db import models


class TsVectorField(models.Field):
    """`tsvector` on PostgreSQL (jieba tokens, 'simple' configuration), plain text elsewhere."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchEntry(models.Model):
    key = models.CharField(max_length=120, unique=True)  # "type:id"
    type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=60)
    agency_id = models.BigIntegerField(null=True, db_index=True)
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=500)
    document_number = models.CharField(max_length=100, blank=True)
    document_number_key = models.CharField(max_length=100, blank=True, db_index=True)
    index_number = models.CharField(max_length=100, blank=True)
    index_number_key = models.CharField(max_length=100, blank=True, db_index=True)
    issuer = models.CharField(max_length=200, blank=True)
    category = models.CharField(max_length=200, blank=True)
    year = models.IntegerField(null=True)
    validity = models.CharField(max_length=40, blank=True)
    published_at = models.DateTimeField(null=True, db_index=True)
    text = models.TextField(blank=True)  # summary, body and attachment text, for snippets
    vector = TsVectorField(null=True)

    class Meta:
        verbose_name = "检索条目"
        verbose_name_plural = "检索条目"

    def __str__(self):
        return self.key


class SynonymGroup(models.Model):
    """A row of synonyms the openness office added in the office (同义词): a query word of the row also
    finds the other words. Merged with the shipped `data/synonyms.txt` (selectors.synonym_groups).
    The agency that added a row edits it; the row applies to the whole platform's search, because
    the index is one (issue 17)."""

    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="+")  # who added it
    words = models.CharField("同义词", max_length=300)  # normalised words separated by one space
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "同义词组"
        verbose_name_plural = "同义词组"
        ordering = ["-updated_at", "-id"]

    def __str__(self):
        return self.words

    @property
    def word_list(self) -> list[str]:
        return self.words.split()
