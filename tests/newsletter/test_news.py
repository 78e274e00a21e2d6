"""Public news pages, RSS and the home-page blocks."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from newsletter.models import NewsItem

pytestmark = pytest.mark.django_db


def make_news(n, **extra):
    now = timezone.now()
    return NewsItem.objects.bulk_create(
        [
            NewsItem(
                title=f"Actualité {i}",
                slug=f"actualite-{i}",
                category=extra.get("category", NewsItem.Category.LOCAL),
                summary=f"Résumé {i}",
                body="<p>Texte</p>",
                is_published=extra.get("is_published", True),
                published_at=now - timedelta(hours=i),
                deadline=extra.get("deadline"),
            )
            for i in range(n)
        ]
    )


def test_news_list_filters_by_category_within_query_budget(client, django_assert_max_num_queries):
    make_news(300)
    NewsItem.objects.create(
        title="Appel à projets CLAS 2009",
        category=NewsItem.Category.CALL_FOR_PROJECTS,
        deadline=date.today() + timedelta(days=20),
        is_published=True,
    )
    NewsItem.objects.create(title="Brouillon secret", category="locale", is_published=False)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("newsletter:news"))
    assert response.status_code == 200
    assert "301 actualités" in response.text
    assert "Brouillon secret" not in response.text
    with django_assert_max_num_queries(4):
        response = client.get(reverse("newsletter:news"), {"category": "appels"})
    assert "Appel à projets CLAS 2009" in response.text
    assert "Actualité 1<" not in response.text
    assert "Date limite" in response.text
    # An unknown category is ignored, not an error.
    assert client.get(reverse("newsletter:news"), {"category": "<x>"}).status_code == 200


def test_news_item_page_escapes_and_hides_drafts(client):
    item = NewsItem(
        title="<script>alert(1)</script> Évaluation des CUCS",
        category="nationale",
        body="<p>Bon</p><script>alert(2)</script>",
        is_published=True,
    )
    item.full_clean()  # as the admin form does: the rich text is sanitised
    item.save()
    item.links.create(label="Le rapport", url="https://example.org/rapport.pdf")
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)" in response.text
    assert "alert(2)" not in response.text
    assert "https://example.org/rapport.pdf" in response.text
    draft = NewsItem.objects.create(title="Pas encore", category="locale")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_call_for_projects_needs_a_deadline():
    with pytest.raises(IntegrityError):
        NewsItem.objects.create(title="Appel", category="appels", deadline=None)


def test_rss_feed(client):
    make_news(3)
    response = client.get(reverse("newsletter:news_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "Actualité 0" in response.text


def test_home_shows_latest_news_and_sign_up(client, django_assert_max_num_queries):
    make_news(50)
    response = client.get(reverse("home"))
    assert "Dernières actualités" in response.text
    assert "Actualité 0" in response.text
    assert "Recevoir la lettre d" in response.text
    assert 'name="consent"' in response.text
    text = response.text
    assert text.index("Dernières actualités") < text.index("Recevoir la lettre")
