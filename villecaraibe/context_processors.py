from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info


def site(request):
    """What the base layout needs on every page: the centre's contact details."""
    return {
        "CENTRE": settings.CENTRE,
        "SITE_URL": settings.SITE_URL,
        "LOGIN_COOLOFF_MINUTES": settings.AXES_COOLOFF_MINUTES,
    }


def languages(request):
    """Links to the current page in the other languages, for the language switcher."""
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        info = get_language_info(code)
        links.append(
            {"code": code, "name": info["name_local"], "url": translate_url(request.path, code)}
        )
    return {"language_links": links}
