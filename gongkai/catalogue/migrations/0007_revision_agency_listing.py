"""ADR 0055: the item's agency and source on each revision, and the listing index an agency's catalogue
page reads (its first page and its count from an index, whatever the agency's size)."""

import django.db.models.deletion
from django.db import migrations, models

FILL = (
    "UPDATE catalogue_itemrevision SET "
    "agency_id = (SELECT i.agency_id FROM catalogue_informationitem i WHERE i.id = catalogue_itemrevision.item_id), "
    "source = (SELECT i.source FROM catalogue_informationitem i WHERE i.id = catalogue_itemrevision.item_id)"
)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0006_site_columns"),
        ("core", "0005_agency_sites"),
    ]

    operations = [
        migrations.AddField(
            model_name="itemrevision",
            name="agency",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.agency",
            ),
        ),
        migrations.AddField(
            model_name="itemrevision",
            name="source",
            field=models.CharField(
                choices=[("own", "本机关信息"), ("higher_level", "上级文件")],
                default="own",
                editable=False,
                max_length=20,
            ),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="itemrevision",
            name="agency",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.agency",
            ),
        ),
        migrations.AddIndex(
            model_name="itemrevision",
            index=models.Index(
                condition=models.Q(("disclosure_mode", "proactive"), ("status", "published")),
                fields=["agency", "source", "published_at", "id"],
                include=("item", "number", "issuer"),
                name="revision_listing_idx",
            ),
        ),
    ]
