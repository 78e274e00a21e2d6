"""Optional two-factor authentication (TOTP, django-otp) for staff.

- A staff member enrolls an authentication app on the page
  ``<ADMIN_URL>double-authentification/``: it shows the secret key and the
  ``otpauth://`` address to type or paste into the app, then asks for a first code.
- Once enrolled, the admin login asks for the 6-digit code as well as the
  password; a wrong code counts as a failed login for the lockout (django-axes).
- Staff without a device log in as before, unless ``OTP_REQUIRED_FOR_STAFF`` is
  on: then the admin sends them to the enrollment page first.
- A session opened without the code (for instance through the members' login
  of the library) never reaches the admin of an enrolled account.

``StaffAdminSite`` is the project's admin site (``villecaraibe.admin_apps.StaffAdminConfig``
makes it ``admin.site``, so every app registers on it as usual).
"""

import base64

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _user_has_device(user, cached=False):
    """Has ``user`` a confirmed device? ``cached``: from the cache (kept exact by the
    signals below), so that admin pages do not pay a query for it."""
    from django_otp import user_has_device

    if not cached:
        return user_has_device(user, confirmed=True)
    key = _cache_key(user.pk)
    value = cache.get(key)
    if value is None:
        value = user_has_device(user, confirmed=True)
        cache.set(key, value, 300)
    return value


def _cache_key(user_id):
    return f"otp-has-device:{user_id}"


def _forget_device(sender, instance, **kwargs):
    cache.delete(_cache_key(instance.user_id))


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from django_otp.plugins.otp_totp.models import TOTPDevice

    post_save.connect(_forget_device, sender=TOTPDevice, dispatch_uid="otp_forget_device")
    post_delete.connect(_forget_device, sender=TOTPDevice, dispatch_uid="otp_forget_device_del")


def otp_satisfied(request):
    """May this (authenticated staff) request's session use the admin?"""
    user = request.user
    if getattr(user, "is_verified", None) and user.is_verified():
        return True
    if _user_has_device(user, cached=True):
        return False
    return not settings.OTP_REQUIRED_FOR_STAFF


class StaffLoginForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label=_("Code from your authentication app"),
        required=False,
        max_length=10,
        help_text=_("Only if you enrolled an authentication app: the 6 digits it shows now."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 10}
        ),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_token": _(
            "The code from the authentication app is missing or wrong. Type the 6 digits "
            "it shows now."
        ),
    }

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and _user_has_device(user):
            from django_otp import match_token

            token = "".join((cleaned.get("otp_token") or "").split())
            device = match_token(user, token) if token.isdigit() else None
            if device is None:
                # Counts towards the lockout like a wrong password.
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": cleaned.get("username")},
                    request=self.request,
                )
                self.user_cache = None
                raise forms.ValidationError(
                    self.error_messages["invalid_token"], code="invalid_token"
                )
            user.otp_device = device  # django-otp keeps it in the session at login
        return cleaned


class StaffAdminSite(admin.AdminSite):
    login_form = StaffLoginForm
    login_template = "admin/login_otp.html"

    def has_permission(self, request):
        return super().has_permission(request) and otp_satisfied(request)

    def login(self, request, extra_context=None):
        user = request.user
        if (
            request.method == "GET"
            and user.is_active
            and user.is_staff
            and settings.OTP_REQUIRED_FOR_STAFF
            and not _user_has_device(user)
        ):
            return redirect("staff_otp_enroll")
        return super().login(request, extra_context)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code shown by the app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


@login_required(login_url="admin:login")
def enroll(request):
    """Enroll (or see) the staff member's authentication app."""
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = request.user
    if not user.is_staff:
        raise PermissionDenied
    context = {**admin.site.each_context(request), "title": gettext("Two-factor authentication")}
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        context["enrolled"] = True
        return TemplateResponse(request, "admin/otp_enroll.html", context)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=gettext("Authentication app"), confirmed=False
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = "".join(form.cleaned_data["token"].split())
        if token.isdigit() and device.verify_token(token):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(
                request,
                gettext("Your authentication app is enrolled: the admin will ask for its code."),
            )
            return redirect(reverse("admin:index"))
        form.add_error("token", gettext("This code is not the one the app shows now."))
    context.update(
        {
            "form": form,
            "secret": base64.b32encode(device.bin_key).decode(),
            "config_url": device.config_url,
        }
    )
    return TemplateResponse(request, "admin/otp_enroll.html", context)
