"""The agenda seen by other software: iCalendar feeds and schema.org Event data.

iCalendar: one VEVENT per session (a five-day cycle shows as five days), with
times in America/Martinique (TZID, with its VTIMEZONE), UIDs that never change
(built from primary keys), and STATUS:CANCELLED for cancelled events.
"""

import datetime
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

TZ = ZoneInfo(settings.TIME_ZONE)


def _host():
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "villecaraibe"


def _location(session):
    if not session.venue_id:
        return ""
    venue = session.venue
    return ", ".join(filter(None, [venue.name, venue.address, venue.commune.name]))


def build_calendar(events, request=None):
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Centre de ressources Ville caraibe//Agenda//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Ville caraïbe — agenda")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for event in events:
        url = settings.SITE_URL + event.get_absolute_url()
        status = "CANCELLED" if event.is_cancelled else "CONFIRMED"
        sessions = list(event.sessions.all())
        if not sessions:
            item = icalendar.Event()
            item.add("uid", f"event-{event.pk}@{_host()}")
            item.add("dtstart", event.start_date)
            item.add("dtend", event.end_date + datetime.timedelta(days=1))
            _fill(item, event, url, status, stamp, event.title)
            cal.add_component(item)
            continue
        for number, session in enumerate(sessions, start=1):
            item = icalendar.Event()
            item.add("uid", f"event-{event.pk}-session-{session.pk}@{_host()}")
            item.add("dtstart", datetime.datetime.combine(session.date, session.start_time, TZ))
            item.add("dtend", datetime.datetime.combine(session.date, session.end_time, TZ))
            title = event.title
            if len(sessions) > 1:
                title = f"{event.title} ({number}/{len(sessions)})"
            _fill(item, event, url, status, stamp, title, session=session)
            cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()


def _fill(item, event, url, status, stamp, title, session=None):
    item.add("summary", ("[ANNULÉ] " if event.is_cancelled else "") + title)
    description = event.summary
    if session is not None and session.theme:
        description = f"{session.theme}\n\n{description}".strip()
    if description:
        item.add("description", description)
    if session is not None and session.venue_id:
        item.add("location", _location(session))
    item.add("url", url)
    item.add("status", status)
    item.add("dtstamp", stamp)
    item.add("last-modified", event.updated_at)


def schema_org(event, sessions, speakers, request=None):
    """A schema.org Event as a dict, rendered by ``json_script`` as JSON-LD."""
    status = (
        "https://schema.org/EventCancelled"
        if event.is_cancelled
        else "https://schema.org/EventScheduled"
    )
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": settings.SITE_URL + event.get_absolute_url(),
        "eventStatus": status,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "organizer": {
            "@type": "Organization",
            "name": settings.CENTRE["name"],
            "url": settings.SITE_URL,
        },
    }
    if event.summary:
        data["description"] = event.summary
    if sessions:
        first, last = sessions[0], sessions[-1]
        data["startDate"] = datetime.datetime.combine(first.date, first.start_time, TZ).isoformat()
        data["endDate"] = datetime.datetime.combine(last.date, last.end_time, TZ).isoformat()
        places = []
        for s in sessions:
            if s.venue_id and all(p["name"] != s.venue.name for p in places):
                places.append(
                    {
                        "@type": "Place",
                        "name": s.venue.name,
                        "address": {
                            "@type": "PostalAddress",
                            "streetAddress": s.venue.address,
                            "addressLocality": s.venue.commune.name,
                            "addressRegion": "Martinique",
                            "addressCountry": "FR",
                        },
                    }
                )
        if places:
            data["location"] = places[0] if len(places) == 1 else places
    else:
        data["startDate"] = event.start_date.isoformat()
        data["endDate"] = event.end_date.isoformat()
    performers = [
        {"@type": "Person", "name": s.person.full_name} for s in speakers if s.person.public_consent
    ]
    if performers:
        data["performer"] = performers
    if event.capacity is not None:
        data["maximumAttendeeCapacity"] = event.capacity
    return data
