"""The admin's AppConfig: the project's admin site knows two-factor authentication."""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "villecaraibe.twofactor.StaffAdminSite"
