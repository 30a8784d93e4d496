"""The secretariat's three groups and their permissions (see yorozu.core.staff.ROLES)."""

from django.db import migrations

CODENAMES = {
    "review_content": "Review held content and reports",
    "verify_identity": "Decide identity documents",
    "view_audit": "Read the audit log",
    "restrict_accounts": "Restrict and reinstate accounts",
    "decide_appeals": "Decide appeals",
    "manage_rules": "Manage screening rules and rescans",
    "manage_payouts": "Approve withdrawals and download transfer files",
}
ROLES = {
    "reviewer": ("review_content", "verify_identity", "view_audit"),
    "senior_reviewer": (
        "review_content",
        "verify_identity",
        "view_audit",
        "restrict_accounts",
        "decide_appeals",
    ),
    "administrator": tuple(CODENAMES),
}


def create_roles(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    ct, _ = ContentType.objects.get_or_create(app_label="core", model="secretariat")
    perms = {}
    for codename, name in CODENAMES.items():
        perms[codename], _ = Permission.objects.get_or_create(
            content_type=ct, codename=codename, defaults={"name": name}
        )
    for role, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*(perms[c] for c in codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_secretariat_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
