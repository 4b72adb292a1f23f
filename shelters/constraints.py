"""Validating a row's check constraints before it is saved, in one query.

Django 5.2 validates each CheckConstraint on its own (`CheckConstraint.validate`
→ `Q.check`): per constraint it builds a query annotating every column of the
row, compiles it and runs it, inside a savepoint when a transaction is open.
A shelter has seven check constraints, so every `full_clean` (an admin form, a
spreadsheet row in preview and import) cost seven compiled queries and, in an
import's transaction, fourteen savepoint statements more: most of a spreadsheet
row's time (BENCHMARKS.md, issue 17).

`check_constraint_errors` asks the database the same questions in one SELECT:
one boolean column per constraint, `COALESCE(condition, TRUE)` over the row's
values, exactly the test Django's `Q.check` applies (a NULL condition passes, as
in the database's own CHECK). The errors are Django's own: the constraint's
violation message and code, in the constraints' order. A constraint that names
an excluded field is skipped, as Django skips it. Only the values the conditions
read are put in the query (Django annotates all 49 of a shelter's columns, seven
times), so it compiles quickly too. The `OneQueryConstraints` mixin
puts this behind `Model.validate_constraints`, so every path that validates a
listing (admin forms and inlines, spreadsheet rows, anything calling
`full_clean`) uses it without knowing; other constraints (unique ones) are
validated by Django as before.
"""

from __future__ import annotations

import logging
from contextlib import nullcontext

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import BooleanField, F, Q, Value
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE

logger = logging.getLogger(__name__)


def check_constraint_errors(
    instance: models.Model,
    constraints: list[models.CheckConstraint],
    exclude: set[str] | None = None,
    using: str | None = None,
) -> list[tuple[str, ValidationError]]:
    """The name and ValidationError of each of `constraints` that `instance`'s
    current values violate, found with one query."""
    using = using or router.db_for_write(type(instance), instance=instance)
    connection = connections[using]
    query = Query(None)
    against = instance._get_field_expression_map(meta=instance._meta, exclude=exclude)
    named = [_referenced(constraint.condition) for constraint in constraints]
    if all(names is not None for names in named):  # only the values the conditions read
        wanted = set().union(*named)
        against = {name: value for name, value in against.items() if name in wanted}
    for name, value in against.items():
        if not hasattr(value, "resolve_expression"):
            value = Value(value)
        query.add_annotation(value, name, select=False)
    checked = []
    for index, constraint in enumerate(constraints):
        try:  # a FieldError: the condition names an excluded field; Django skips it too
            query.add_annotation(
                Coalesce(Q(constraint.condition), True, output_field=BooleanField()),
                f"_constraint_{index}",
            )
        except FieldError:
            continue
        checked.append(constraint)
    if not checked:
        return []
    atomic = transaction.atomic(using=using) if connection.in_atomic_block else nullcontext()
    try:
        with atomic:
            row = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError as error:  # as Q.check: the database's own CHECK still applies
        logger.warning("Could not check constraints of %r: %s", instance, error)
        return []
    return [
        (
            constraint.name,
            ValidationError(
                constraint.get_violation_error_message(), code=constraint.violation_error_code
            ),
        )
        for constraint, holds in zip(checked, row, strict=True)
        if not holds
    ]


def _referenced(condition: Q) -> set[str] | None:
    """The fields a condition reads (by their first lookup part), or None when it
    holds something other than lookups and F() (then every field is given)."""
    names: set[str] = set()
    for child in condition.children:
        if isinstance(child, Q):
            inner = _referenced(child)
            if inner is None:
                return None
            names |= inner
            continue
        if not isinstance(child, tuple):
            return None
        lookup, value = child
        names.add(lookup.split(LOOKUP_SEP)[0])
        if isinstance(value, F):
            names.add(value.name.split(LOOKUP_SEP)[0])
        elif hasattr(value, "flatten"):
            for node in value.flatten():
                if isinstance(node, F):
                    names.add(node.name.split(LOOKUP_SEP)[0])
                elif not isinstance(node, Value | Combinable):
                    return None
    return names


class OneQueryConstraints(models.Model):
    """A model whose check constraints are validated together, in one query."""

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None) -> None:
        using = router.db_for_write(type(self), instance=self)
        features = connections[using].features
        if not (
            features.supports_boolean_expr_in_select_clause
            and features.supports_comparing_boolean_expr
        ):
            return super().validate_constraints(exclude=exclude)
        errors: dict = {}
        for model, constraints in self.get_constraints():
            checks = [c for c in constraints if type(c) is models.CheckConstraint]
            failed = dict(check_constraint_errors(self, checks, exclude, using))
            for constraint in constraints:  # errors in Django's order
                try:
                    if constraint in checks:
                        if constraint.name in failed:
                            raise failed[constraint.name]
                        continue
                    constraint.validate(model, self, exclude=exclude, using=using)
                except ValidationError as error:
                    if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                        errors.setdefault(constraint.fields[0], []).append(error)
                    else:
                        errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
