"""Give every account that predates e-mail confirmation its address as an unconfirmed one.

Such an account confirms it at its next sign-in (allauth sends the link); until then it can
browse but not post, propose, scout or message (`accounts.gates`).
"""

from django.db import migrations


def add_unconfirmed_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    have = set(EmailAddress.objects.values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=pk, email=email.lower(), primary=True, verified=False)
            for pk, email in User.objects.values_list("pk", "email")
            if pk not in have
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_terms_and_deletion"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(add_unconfirmed_addresses, migrations.RunPython.noop)]
