"""vCard (RFC 6350, version 3.0 for the widest support) of a person of the public directory.

Only what the person agreed to show goes in: name, current functions, and the
e-mail and phone only if ``show_email`` / ``show_phone``. Callers must pass a
person from ``Person.objects.public()``.
"""


def _escape(value):
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def person_vcard(person, positions, url):
    civility = person.get_civility_display() if person.civility else ""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{_escape(person.last_name)};{_escape(person.first_name)};;{_escape(civility)};",
        f"FN:{_escape(person.full_name)}",
    ]
    if positions:
        first = positions[0]
        lines.append(f"ORG:{_escape(first.organisation.name)}")
        lines.append(f"TITLE:{_escape(first.function)}")
    if person.show_email and person.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{_escape(person.email)}")
    if person.show_phone and person.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{_escape(person.phone)}")
    lines.append(f"URL:{_escape(url)}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"
