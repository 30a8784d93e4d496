"""The category admin: ordering and the two-level rule."""

from django.urls import reverse

from yorozu.catalog.models import Category


def test_subcategory_can_move_to_another_main_category(client, superuser):
    client.force_login(superuser)
    logo = Category.objects.get(slug="design-logo")
    web = Category.objects.get(slug="web")
    response = client.post(
        reverse("admin:catalog_category_change", args=[logo.pk]),
        {
            "parent": web.pk,
            "name_ja": logo.name_ja,
            "name_en": logo.name_en,
            "slug": logo.slug,
            "position": logo.position,
        },
    )
    assert response.status_code == 302
    logo.refresh_from_db()
    assert logo.parent == web


def test_parent_choices_are_main_categories_only(client, superuser):
    client.force_login(superuser)
    logo = Category.objects.get(slug="design-logo")
    response = client.get(reverse("admin:catalog_category_change", args=[logo.pk]))
    choices = {c.pk for c in response.context["adminform"].form.fields["parent"].queryset}
    assert choices == set(Category.objects.filter(parent__isnull=True).values_list("pk", flat=True))


def test_main_category_page_edits_its_subcategories_inline(client, superuser):
    client.force_login(superuser)
    web = Category.objects.get(slug="web")
    response = client.get(reverse("admin:catalog_category_change", args=[web.pk]))
    assert response.status_code == 200
    assert "children-0-name_ja" in response.text
