"""The home page shows the blocks the apps register, and never breaks without them."""

import pytest

from villecaraibe import home

pytestmark = pytest.mark.django_db


@pytest.fixture
def isolated_blocks(monkeypatch):
    monkeypatch.setattr(home, "_blocks", {})
    return home


def test_home_without_blocks_still_renders(client, isolated_blocks):
    response = client.get("/")
    assert response.status_code == 200
    assert (
        "L’agenda, les actualités et les documents apparaîtront ici." in response.content.decode()
    )


def test_registered_blocks_appear_in_order_and_can_hide(
    client, isolated_blocks, tmp_path, settings
):
    (tmp_path / "block.html").write_text(
        '<section class="block"><h2>{{ block.title }}</h2></section>'
    )
    engine = {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    settings.TEMPLATES = [engine]
    isolated_blocks.register_block("b", "block.html", lambda r: {"title": "Deuxième"}, order=20)
    isolated_blocks.register_block("a", "block.html", lambda r: {"title": "Premier"}, order=10)
    isolated_blocks.register_block("hidden", "block.html", lambda r: None, order=5)
    html = client.get("/").content.decode()
    assert html.index("Premier") < html.index("Deuxième")
    assert html.count('<section class="block">') == 2


def test_rich_text_editor_in_page_admin(client, direction_user):
    from villecaraibe.demo import load_pages
    from villecaraibe.models import Page

    load_pages()
    client.force_login(direction_user)
    page = Page.objects.get(slug="presentation")
    html = client.get(f"/admin/villecaraibe/page/{page.pk}/change/").content.decode()
    assert "prose-editor" in html
