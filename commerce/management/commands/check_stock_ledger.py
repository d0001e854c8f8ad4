from django.core.management.base import BaseCommand, CommandError

from commerce.selectors import stock_ledger_mismatches


class Command(BaseCommand):
    help = "Report every variant whose units on hand or reserved differ from its stock movements."

    def handle(self, *args, **options):
        mismatches = stock_ledger_mismatches()
        for wrong in mismatches:
            self.stdout.write(
                f"{wrong.sku}: on hand {wrong.on_hand}, movements say {wrong.on_hand_moved}; "
                f"reserved {wrong.reserved}, movements say {wrong.reserved_moved}"
            )
        if mismatches:
            raise CommandError(f"{len(mismatches)} variant(s) do not match their stock ledger.")
        self.stdout.write("Every stock record matches its ledger.")
