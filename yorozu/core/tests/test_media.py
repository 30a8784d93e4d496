from django.conf import settings


def test_identity_documents_are_never_served_as_public_media(client, db):
    root = settings.MEDIA_ROOT
    (root / "identity" / "2026" / "11").mkdir(parents=True, exist_ok=True)
    (root / "identity" / "2026" / "11" / "doc.png").write_bytes(b"\x89PNG\r\n")
    (root / "public-note.txt").write_text("ok")
    assert client.get("/media/identity/2026/11/doc.png").status_code == 404
    assert client.get("/media/public-note.txt").status_code == 200
