"""Back up, wipe, restore: the same rows and the same files come back."""

import tarfile

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from villecaraibe.backups import model_counts
from villecaraibe.demo import load_pages
from villecaraibe.models import Page, Territory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "rapport-2008.pdf").write_bytes(b"%PDF-1.4 rapport")
    return settings.MEDIA_ROOT


def test_backup_round_trip(vocabulary, media, tmp_path, direction_user):
    load_pages()
    Page.objects.filter(slug="presentation").update(title="Présentation — édition de l'équipe")
    before = model_counts()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)
    assert tarfile.is_tarfile(archive)

    # Wipe the database and the media.
    call_command("flush", interactive=False, verbosity=0)
    (media / "documents" / "rapport-2008.pdf").unlink()
    (media / "intrus.txt").write_text("créé après la sauvegarde")
    assert Territory.objects.count() == 0

    call_command("restore", str(archive), yes=True, verbosity=0)
    assert model_counts() == before
    assert Page.objects.get(slug="presentation").title == "Présentation — édition de l'équipe"
    assert Territory.objects.get(name="Volga-Plage").parent.name == "Fort-de-France"
    assert (media / "documents" / "rapport-2008.pdf").read_bytes() == b"%PDF-1.4 rapport"
    assert not (media / "intrus.txt").exists()
    # Groups keep their permissions (rebuilt from natural keys).
    assert Group.objects.get(name="Bureau").permissions.exists()


def test_restore_refuses_what_is_not_a_backup(tmp_path, vocabulary):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not a tarball")
    with pytest.raises(CommandError, match="not a portal backup"):
        call_command("restore", str(bogus), yes=True)
    assert Territory.objects.count() > 0  # nothing touched


def test_restore_refuses_path_traversal(tmp_path, vocabulary, media):
    import io
    import json

    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as archive:
        for name, payload in [
            (
                "manifest.json",
                json.dumps({"created": "x", "counts": {}, "migrations": []}).encode(),
            ),
            ("data.json", b"[]"),
            ("../../escaped.txt", b"pwned"),
        ]:
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    with pytest.raises(tarfile.TarError):
        call_command("restore", str(evil), yes=True)
    assert not (tmp_path.parent / "escaped.txt").exists()
    assert Territory.objects.count() > 0
