"""`field__any_of=ids`: membership in a long list of ids.

PostgreSQL gets `field = ANY(%s)` with the whole list as one array parameter, which
costs a fraction of building and sending `IN (%s, %s, ...)` with hundreds of
placeholders. Other databases get the usual IN."""

from django.db.models import Field, ForeignObject, Lookup
from django.db.models.lookups import In


@Field.register_lookup
@ForeignObject.register_lookup  # relations keep lookups of their own
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
