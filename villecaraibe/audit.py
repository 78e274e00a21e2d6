"""The audit trail: who changed what and when (django-simple-history).

- ``audit_history(**kwargs)``: the ``HistoricalRecords`` of an audited model
  (programmes use their own ``programme_history``, scoped to the programme).
- ``AuditHistoryAdmin``: the admin's "History" button lists every version with
  its author and date; reverting needs the right to change the record.
- ``scrub_history(model, pks, **values)``: personal data leaves the history
  too when a person is erased or a record anonymised (see annuaire.services.personal_data).
"""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalRecords


def audit_history(**kwargs):
    return HistoricalRecords(**kwargs)


class AuditHistoryAdmin(SimpleHistoryAdmin):
    """History for everyone who may read; reverting only for those who may change."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, object_id)
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


def scrub_history(model, pks, **values):
    """Overwrite ``values`` in every historical row of ``model`` rows ``pks``; returns count."""
    history = getattr(model, "history", None)
    if history is None or not pks:
        return 0
    pk_name = model._meta.pk.attname
    return history.model.objects.filter(**{f"{pk_name}__in": list(pks)}).update(**values)


def delete_history(model, pks):
    """Delete every historical row of ``model`` rows ``pks``; returns count."""
    history = getattr(model, "history", None)
    if history is None or not pks:
        return 0
    pk_name = model._meta.pk.attname
    deleted, _detail = history.model.objects.filter(**{f"{pk_name}__in": list(pks)}).delete()
    return deleted
