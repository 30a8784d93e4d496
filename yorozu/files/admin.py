from django.contrib import admin

from yorozu.core.admin import ReadOnlyAdminMixin
from yorozu.files.models import Attachment


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "name", "media_type", "size", "status", "uploader", "created_at"]
    list_filter = ["status", "media_type"]
    search_fields = ["name", "sha256"]
    raw_id_fields = ["uploader"]
