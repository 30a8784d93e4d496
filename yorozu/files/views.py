"""The one way a file leaves yorozu: a download that checks access on every request."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

from yorozu.files.selectors import access_attachment
from yorozu.files.storage import attachment_storage


@login_required
def download(request: HttpRequest, attachment_id: int) -> HttpResponseBase:
    """Serve one attachment to whoever `access_attachment` lets through.

    Images and PDFs open in the browser; anything else is a download (`Content-Disposition:
    attachment`). Never cached by shared caches, and revalidated every time, so a revoked
    access (a rejected file, a restriction) takes effect at once. With FILES_SENDFILE set the
    web server sends the bytes (X-Accel-Redirect for nginx, X-Sendfile for Apache/lighttpd)
    after this view said yes.
    """
    attachment = access_attachment(request.user, attachment_id)
    as_attachment = not attachment.inline
    mode = settings.FILES_SENDFILE
    response: HttpResponseBase
    if mode:
        response = HttpResponse(content_type=attachment.media_type)
        target = settings.FILES_SENDFILE_PREFIX.rstrip("/") + "/" + attachment.stored_name
        if mode == "x-accel-redirect":
            response["X-Accel-Redirect"] = target
        else:
            response["X-Sendfile"] = attachment_storage().path(attachment.stored_name)
        disposition = content_disposition_header(as_attachment, attachment.name)
        response["Content-Disposition"] = disposition or ""
    else:
        response = FileResponse(
            attachment_storage().open(attachment.stored_name, "rb"),
            as_attachment=as_attachment,
            filename=attachment.name,
            content_type=attachment.media_type,
        )
    response["Cache-Control"] = "private, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    return response
