from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db.migrations.writer import MigrationWriter
from django.db.models import FileField

from herentq.files import (
    RandomUploadName,
    file_response,
    private_storage,
    random_upload_name,
)
from tests.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings):
    root = Path(settings.MEDIA_ROOT)
    (root / "news").mkdir(parents=True, exist_ok=True)
    return root


def _published_news_image(name: str):
    """A published news item owns the file: only then is it served."""
    NewsItemFactory(image=name, image_alt="Afbeelding")


def test_public_image_is_served_inline_with_a_safe_type(client, media):
    (media / "news" / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    _published_news_image("news/foto.png")
    response = client.get("/media/news/foto.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_uploaded_html_is_downloaded_never_rendered(client, media):
    (media / "news" / "page.html").write_text("<script>alert(1)</script>")
    _published_news_image("news/page.html")
    response = client.get("/media/news/page.html")
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]


def test_path_traversal_out_of_media_is_not_found(client, media, settings):
    secret = Path(settings.PRIVATE_MEDIA_ROOT) / "geheim.pdf"
    secret.write_bytes(b"%PDF-1.4 private")
    assert client.get("/media/../" + secret.name).status_code == 404
    assert client.get("/media/%2e%2e/geheim.pdf").status_code == 404


def test_private_files_are_not_under_the_public_media_url(client, settings):
    name = private_storage().save("dossiers/bijlage.pdf", ContentFile(b"%PDF-1.4"))
    assert client.get(f"/media/{name}").status_code == 404
    response = file_response(private_storage().open(name), download_name="b.pdf")
    assert response["Content-Type"] == "application/pdf"


def test_stored_names_never_use_the_uploaders_file_name():
    upload_to = random_upload_name("subsidies/bijlagen")
    name = upload_to(None, "../../etc/Mijn Begroting <script>.PDF")
    assert name.startswith("subsidies/bijlagen/")
    assert "Begroting" not in name and ".." not in name
    assert name.endswith(".pdf")


def test_upload_names_are_equal_and_hash_alike_by_prefix():
    same, other = random_upload_name("news"), random_upload_name("partnerships/photos")
    assert same == RandomUploadName("news") and same != other
    assert hash(same) == hash(RandomUploadName("news"))
    assert {same, RandomUploadName("news"), other} == {same, other}


def test_every_file_field_stores_under_a_random_name_that_migrations_can_write():
    product = {"herentq", "partnerships", "subsidies", "learning_tracks", "council"}
    fields = [
        field
        for model in apps.get_models()
        if model._meta.app_label in product
        for field in model._meta.get_fields()
        if isinstance(field, FileField) and field.model is model
    ]
    assert len(fields) >= 7
    for field in fields:
        # No wrapper function per app: the one implementation, written as itself.
        assert type(field.upload_to) is RandomUploadName, field
        written, imports = MigrationWriter.serialize(field.upload_to)
        assert written == f"herentq.files.RandomUploadName({field.upload_to.prefix!r})"
        assert imports == {"import herentq.files"}
