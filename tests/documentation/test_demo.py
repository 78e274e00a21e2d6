import io

import pytest
from django.urls import reverse

from documentation import demo
from documentation.models import Descriptor, Document, DownloadCount

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates_and_is_searchable(client, vocabulary):
    demo.load(io.StringIO())
    first = (Document.objects.count(), Descriptor.objects.count(), DownloadCount.objects.count())
    demo.load(io.StringIO())
    assert (
        Document.objects.count(),
        Descriptor.objects.count(),
        DownloadCount.objects.count(),
    ) == first
    evaluation = Document.objects.get(slug="cr-cycle-qualification-evaluation-2008")
    assert sum(evaluation.download_counts.values_list("count", flat=True)) == 127
    assert evaluation.file and evaluation.file_text
    response = client.get(reverse("documentation:index"), {"q": "cucs evaluation"})
    titles = [d.title for d, _e in response.context["rows"]]
    assert "Guide méthodologique pour l'évaluation des CUCS" in titles
    # "CLSPD" is a synonym of "Prévention de la délinquance".
    response = client.get(reverse("documentation:index"), {"q": "clspd"})
    assert "Cycle de qualification prévention de la délinquance" in [
        d.title for d, _e in response.context["rows"]
    ]
    assert client.get(evaluation.get_absolute_url()).status_code == 200
