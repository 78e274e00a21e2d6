from django.conf import settings


def site(request):
    """What the base layout needs on every page: the centre's contact details."""
    return {
        "CENTRE": settings.CENTRE,
        "SITE_URL": settings.SITE_URL,
        "LOGIN_COOLOFF_MINUTES": settings.AXES_COOLOFF_MINUTES,
    }
