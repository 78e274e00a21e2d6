"""Documentation requests: receiving them and replying by e-mail.

``reply(request_obj, text, user)`` sends the reply to the requester through the
default mailer, then records it (text, date, who) and marks the request answered,
in one transaction; if the mail cannot be sent nothing is recorded.
"""

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _


def reply(request_obj, text, user):
    subject = _("Your documentation request: %(subject)s") % {"subject": request_obj.subject}
    with transaction.atomic():
        mail.send_mail(
            subject,
            text,
            settings.DEFAULT_FROM_EMAIL,
            [request_obj.email],
        )
        request_obj.reply = text
        request_obj.replied_at = timezone.now()
        request_obj.replied_by = user if user and user.is_authenticated else None
        request_obj.status = request_obj.Status.ANSWERED
        request_obj.save(update_fields=["reply", "replied_at", "replied_by", "status"])
    return request_obj


def notify_staff(request_obj):
    """Tell the centre a request arrived (to the centre's address)."""
    mail.send_mail(
        _("New documentation request: %(subject)s") % {"subject": request_obj.subject},
        _("From %(name)s <%(email)s> (%(organisation)s):\n\n%(message)s")
        % {
            "name": request_obj.name,
            "email": request_obj.email,
            "organisation": request_obj.organisation or "-",
            "message": request_obj.message,
        },
        settings.DEFAULT_FROM_EMAIL,
        [settings.CENTRE["email"]],
    )
