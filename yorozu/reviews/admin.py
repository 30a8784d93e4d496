"""Reviews in the admin: the secretariat can read and search them and hide abusive comments."""

from django.contrib import admin

from yorozu.reviews.models import Review


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["id", "contract", "reviewer", "reviewee", "direction", "overall", "created_at"]
    list_filter = ["direction", "overall", "created_at"]
    search_fields = ["comment", "reviewer__email", "reviewee__email", "contract__title"]
    list_select_related = ["contract", "reviewer", "reviewee"]
    raw_id_fields = ["contract", "reviewer", "reviewee"]
    readonly_fields = [
        "contract",
        "reviewer",
        "reviewee",
        "direction",
        "overall",
        "quality",
        "communication",
        "timeliness",
        "created_at",
    ]
    date_hierarchy = "created_at"
