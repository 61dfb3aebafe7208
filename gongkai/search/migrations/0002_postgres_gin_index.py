from django.db import migrations

# GIN over the jieba tsvector, a pattern index for 发文字号 prefixes (suggestions), lz4 for the
# tsvector and text columns; PostgreSQL only.
FORWARD = [
    "CREATE INDEX IF NOT EXISTS search_entry_vector_gin ON search_searchentry USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS search_entry_docnum_prefix ON search_searchentry "
    "(document_number_key varchar_pattern_ops)",
    # Ranking and facets read every matching row's tsvector: lz4 decompresses it ~3x faster than pglz
    # (measured, docs/performance.md). Skipped where PostgreSQL was built without lz4.
    "DO $$ BEGIN "
    "ALTER TABLE search_searchentry ALTER COLUMN vector SET COMPRESSION lz4; "
    "ALTER TABLE search_searchentry ALTER COLUMN text SET COMPRESSION lz4; "
    "EXCEPTION WHEN feature_not_supported OR undefined_object OR invalid_parameter_value THEN NULL; END $$",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "DROP INDEX IF EXISTS search_entry_docnum_prefix",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_entry")]
    operations = [migrations.RunPython(forward, backward)]
