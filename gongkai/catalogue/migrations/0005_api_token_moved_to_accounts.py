"""ApiToken now belongs to accounts (accounts 0003 took over the table and renamed it): remove the model
from catalogue's migration state only; nothing happens in the database here (ADR 0033)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_normative_documents"),
        ("accounts", "0003_api_token"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="ApiToken")]),
    ]
