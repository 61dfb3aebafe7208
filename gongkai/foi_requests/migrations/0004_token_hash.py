"""The applicant's secret link token is stored as its SHA-256 only (issue 12, item 13; ADR 0032).

The data step hashes every stored token, so each link an applicant already holds keeps resolving:
the link still carries the raw token, and the lookup hashes it the same way
(`gongkai.core.secret_links.hash_token`, copied here so that the migration never changes)."""

import hashlib

from django.db import migrations, models


def hash_tokens(apps, schema_editor):
    FoiRequest = apps.get_model("foi_requests", "FoiRequest")
    for pk, token in FoiRequest.objects.values_list("pk", "token").iterator():
        digest = hashlib.sha256((token or "").encode("utf-8")).hexdigest()
        FoiRequest.objects.filter(pk=pk).update(token_hash=digest)


class Migration(migrations.Migration):
    dependencies = [("foi_requests", "0003_lapses_fee_relief")]

    operations = [
        migrations.AddField(
            model_name="foirequest",
            name="token_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        # Going back keeps the schema reversible (for tests) but cannot bring the raw tokens back from
        # their hashes: links issued before would have to be issued again.
        migrations.RunPython(hash_tokens, migrations.RunPython.noop, elidable=False),
        migrations.RemoveField(model_name="foirequest", name="token"),
        migrations.AlterField(
            model_name="foirequest",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]
