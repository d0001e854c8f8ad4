"""`id__any_of=ids`: membership in a long list of ids, on primary and foreign keys only.

PostgreSQL gets `field = ANY(%s)` with the whole list as one array parameter, which
costs a fraction of building and sending `IN (%s, %s, ...)` with hundreds of
placeholders. Other databases get the usual IN."""

from django.db.models import AutoField, BigAutoField, ForeignKey, Lookup, SmallAutoField
from django.db.models.lookups import In


@AutoField.register_lookup
@BigAutoField.register_lookup
@SmallAutoField.register_lookup
@ForeignKey.register_lookup
class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False  # the list goes as it is, checked as ids below

    def get_db_prep_lookup(self, value, connection):
        return "%s", [[int(pk) for pk in value]]

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]

    def as_sql(self, compiler, connection):
        return In(self.lhs, list(self.rhs)).as_sql(compiler, connection)
