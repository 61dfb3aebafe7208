"""API tokens move from catalogue to accounts (issue 12, item 14; ADR 0033).

The model is taken over without copying a row: in the migration state it is created here on the
existing table `catalogue_apitoken` (no database change), then the table is renamed to
`accounts_apitoken`. catalogue's 0005 removes the model from catalogue's state only. Every token keeps
its id, hash and dates, so every issued token keeps working."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("catalogue", "0004_normative_documents"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ApiToken",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("label", models.CharField(max_length=60, verbose_name="用途")),
                        ("key_hash", models.CharField(max_length=64, unique=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("last_used_at", models.DateTimeField(blank=True, null=True)),
                        ("revoked_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="api_tokens",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "API 令牌",
                        "verbose_name_plural": "API 令牌",
                        "db_table": "catalogue_apitoken",
                    },
                ),
            ],
            database_operations=[],
        ),
        # Now the table itself: catalogue_apitoken → accounts_apitoken (a rename, rows untouched).
        migrations.AlterModelTable(name="apitoken", table=None),
    ]
