import pytest
from django.conf import settings
from django.http import Http404

from yorozu.urls import serve_public_media


def test_identity_documents_are_never_served_as_public_media(rf):
    root = settings.MEDIA_ROOT
    (root / "identity" / "2026" / "11").mkdir(parents=True, exist_ok=True)
    (root / "identity" / "2026" / "11" / "doc.png").write_bytes(b"\x89PNG\r\n")
    (root / "public-note.txt").write_text("ok")
    with pytest.raises(Http404):
        serve_public_media(rf.get("/media/identity/2026/11/doc.png"), "identity/2026/11/doc.png")
    response = serve_public_media(rf.get("/media/public-note.txt"), "public-note.txt")
    assert response.status_code == 200
