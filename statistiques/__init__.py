"""Statistiques de fréquentation: cookie-free, third-party-free visitor statistics.

Where it sits: at the BASE of the apps, beside ``annuaire``; it imports only
``villecaraibe``. Other apps (the dashboard and annual report) read it through
``statistiques.services``; nothing here imports them.

Personal data: none is stored. A page view is recorded with its path, its day,
a visitor hash (sha256 of a random salt of the day + IP address + user agent;
the salt is kept for the current day only, so yesterday's hashes cannot be
linked to today's nor recomputed from an address) and the host of an external
referrer. No IP address, no user agent, no cookie, no query string, no user id.
The raw hits are folded into daily counts and deleted; daily counts are kept
``STATISTICS_RETENTION_MONTHS`` (25) months. This is the form of audience
measurement the CNIL exempts from consent.
"""
