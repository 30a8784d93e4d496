"""The secretariat's admin for the category taxonomy."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from yorozu.catalog.models import Category


class MainCategoryFilter(admin.SimpleListFilter):
    """Filter by main category: the main category itself or its subcategories."""

    title = _("main category")
    parameter_name = "main"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin):
        return [("top", _("Main categories only"))] + [
            (str(c.pk), c.name) for c in Category.objects.filter(parent__isnull=True)
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value == "top":
            return queryset.filter(parent__isnull=True)
        if value and value.isdigit():
            return queryset.filter(parent_id=int(value))
        return queryset


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ("parent", "name_ja", "name_en", "slug", "position")

    def clean_parent(self) -> Category | None:
        """Keep the taxonomy at two levels."""
        parent = self.cleaned_data.get("parent")
        if parent is None:
            return None
        if self.instance.pk and parent.pk == self.instance.pk:
            raise forms.ValidationError(_("A category cannot be its own parent."))
        if self.instance.pk and self.instance.children.exists():
            raise forms.ValidationError(
                _("This category has subcategories, so it must stay a main category.")
            )
        return parent


class SubcategoryInline(admin.TabularInline):
    model = Category
    fk_name = "parent"
    fields = ("name_ja", "name_en", "slug", "position")
    extra = 0
    ordering = ("position", "id")
    show_change_link = True


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    form = CategoryForm
    list_display = ("name_ja", "name_en", "parent", "slug", "position")
    list_editable = ("position",)
    list_filter = (MainCategoryFilter,)
    list_select_related = ("parent",)
    search_fields = ("name_ja", "name_en", "slug")
    ordering = ("parent__position", "parent_id", "position", "id")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = (SubcategoryInline,)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Two levels only: a parent must itself be a main category.
        if db_field.name == "parent":
            kwargs["queryset"] = Category.objects.filter(parent__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_inlines(self, request: HttpRequest, obj: Category | None):
        return self.inlines if obj is not None and obj.is_main else ()
