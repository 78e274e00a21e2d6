"""The search window walks the newest published documents along a partial index.

The lone index on published_at goes: document_newest (from 0004) serves ranges and
the default order, and PostgreSQL preferred the lone index for the relevance window,
stepping over every draft first (documentation.services.search.RankedDocuments).
"""


from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('annuaire', '0003_support_staff_member_limit'),
        ('documentation', '0006_search_vector_inline_storage'),
        ('villecaraibe', '0002_staff_groups'),
    ]

    operations = [
        migrations.AlterField(
            model_name='document',
            name='published_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='published on'),
        ),
        migrations.AddIndex(
            model_name='document',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['-published_at', '-id'], name='document_published_newest'),
        ),
    ]
