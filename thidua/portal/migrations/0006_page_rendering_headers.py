"""Stored renderings keep their headers; renderings stored without them are dropped (they are a
cache: the next anonymous visitor renders the article again)."""

from django.db import migrations, models


def forget_renderings_without_headers(apps, schema_editor):
    apps.get_model("portal", "PageRendering").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_article_exemplars"),
    ]

    operations = [
        migrations.AddField(
            model_name="pagerendering",
            name="headers",
            field=models.JSONField(default=list),
        ),
        migrations.RunPython(forget_renderings_without_headers, migrations.RunPython.noop),
    ]
