"""Merge duplicate records of the directory (organisations, people) into one.

``merge(keep, duplicates)`` guarantees, in one transaction:

- every row of any model that points at a duplicate — a foreign key, a
  one-to-one, a many-to-many from another app (an action's partners, a
  document's authors…) — points at the kept record afterwards, without creating
  duplicate many-to-many rows;
- the kept record gains the many-to-many links of the duplicates (themes,
  territories…) and the values it lacked (blank e-mail, phone…);
- the duplicates are then deleted.

It walks the model's relations through ``_meta``, so relations added later by
other apps are re-pointed without changing this module.
"""

from django.db import transaction

# Fields never copied from a duplicate: identity, bookkeeping, derived values.
_NEVER_COPIED = {"slug", "search_text", "created_at", "updated_at", "erased_at"}


def _is_blank(value):
    return value is None or value == ""


def _fill_blanks(keep, duplicate):
    groups = getattr(type(keep), "MERGE_FIELD_GROUPS", ())
    grouped = {name for group in groups for name in group}
    for field in keep._meta.concrete_fields:
        if (
            field.primary_key
            or field.name in _NEVER_COPIED
            or field.name in grouped
            or field.unique
            or not field.editable
        ):
            continue
        if _is_blank(getattr(keep, field.attname)) and not _is_blank(
            getattr(duplicate, field.attname)
        ):
            setattr(keep, field.attname, getattr(duplicate, field.attname))
    # A group of fields (e.g. a consent and its proof) moves as a whole, or not at all.
    for group in groups:
        leader = group[0]
        if not getattr(keep, leader) and getattr(duplicate, leader):
            for name in group:
                setattr(keep, name, getattr(duplicate, name))


def _repoint_through(through, own_column, other_column, keep, duplicate):
    """Move rows of a many-to-many table from ``duplicate`` to ``keep``, skipping doubles."""
    already = through._base_manager.filter(**{own_column: keep.pk}).values_list(
        f"{other_column}_id", flat=True
    )
    rows = through._base_manager.filter(**{own_column: duplicate.pk})
    rows.filter(**{f"{other_column}_id__in": list(already)}).delete()
    rows.update(**{own_column: keep.pk})


def _repoint_relations(keep, duplicate):
    opts = keep._meta
    # Many-to-many fields declared on the model itself (themes, territories…).
    for field in opts.many_to_many:
        _repoint_through(
            field.remote_field.through,
            field.m2m_field_name(),
            field.m2m_reverse_field_name(),
            keep,
            duplicate,
        )
    # Everything that points at the model, from any app.
    for rel in opts.related_objects:
        if rel.many_to_many:
            field = rel.field
            _repoint_through(
                field.remote_field.through,
                field.m2m_reverse_field_name(),
                field.m2m_field_name(),
                keep,
                duplicate,
            )
        elif rel.one_to_one:
            manager = rel.related_model._base_manager
            if not manager.filter(**{rel.field.name: keep}).exists():
                manager.filter(**{rel.field.name: duplicate}).update(**{rel.field.name: keep})
        elif rel.one_to_many:
            rows = rel.related_model._base_manager.filter(**{rel.field.name: duplicate})
            if rel.related_model is type(keep):
                rows = rows.exclude(pk=keep.pk)  # never make a record its own parent
            rows.update(**{rel.field.name: keep})


def merge(keep, duplicates):
    """Fold ``duplicates`` into ``keep`` (see the module docstring); return the kept record."""
    model = type(keep)
    duplicate_pks = sorted({d.pk for d in duplicates} - {keep.pk})
    if not duplicate_pks:
        return keep
    with transaction.atomic():
        locked = {
            obj.pk: obj
            for obj in model._base_manager.select_for_update()
            .filter(pk__in=[keep.pk, *duplicate_pks])
            .order_by("pk")
        }
        keep = locked[keep.pk]
        for pk in duplicate_pks:
            duplicate = locked[pk]
            _fill_blanks(keep, duplicate)
            _repoint_relations(keep, duplicate)
        # A self-reference to a duplicate (parent organisation) would point at
        # itself once merged: drop it.
        for field in keep._meta.concrete_fields:
            points_inside = getattr(keep, field.attname) in [*duplicate_pks, keep.pk]
            if field.is_relation and field.related_model is model and points_inside:
                setattr(keep, field.attname, None)
        # Delete first: the kept record may take over a unique value (e-mail).
        model._base_manager.filter(pk__in=duplicate_pks).delete()
        keep.save()
    return keep
