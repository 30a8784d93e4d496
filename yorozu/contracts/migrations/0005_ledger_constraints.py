"""After the data migration: every ledger row has its account and movement, so the
double-entry constraints can hold, and the delivery note lives on the milestone."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("contracts", "0004_each_contract_one_milestone")]

    operations = [
        migrations.AlterField(
            model_name="ledgerentry",
            name="account",
            field=models.CharField(
                choices=[
                    ("client", "Client"),
                    ("escrow", "Escrow"),
                    ("worker", "Worker's balance"),
                    ("platform", "Platform fees"),
                    ("tax", "Withholding tax"),
                    ("payout", "Withdrawals in progress"),
                    ("bank", "Bank transfers"),
                ],
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="ledgerentry",
            name="movement",
            field=models.CharField(max_length=64),
        ),
        migrations.AddConstraint(
            model_name='ledgerentry',
            constraint=models.UniqueConstraint(fields=('movement', 'account'), name='one_posting_per_account'),
        ),
        migrations.AddConstraint(
            model_name='ledgerentry',
            constraint=models.CheckConstraint(condition=models.Q(('amount', 0), _negated=True), name='ledger_amount_nonzero'),
        ),
        migrations.AddConstraint(
            model_name='ledgerentry',
            constraint=models.CheckConstraint(condition=models.Q(('contract__isnull', False), ('withdrawal__isnull', False), _connector='OR'), name='ledger_has_a_subject'),
        ),
        migrations.RemoveField(
            model_name="contract",
            name="delivery_note",
        ),
    ]
