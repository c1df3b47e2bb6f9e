"""Calendar files as RFC 5545 writes them, without depending on Odoo's
calendar: the invitations sent with the reminders and the cadres' personal
feeds are read by phones' calendar apps, Outlook and Google Calendar."""

PRODID = "-//party_cell_meeting//Sinh hoat chi bo//VI"


def escape_text(value):
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line
    breaks escaped."""
    return (
        (value or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def param(value):
    """A parameter value (RFC 5545, 3.2), quoted: names hold commas."""
    return '"' + (value or "").replace('"', "'").replace("\n", " ") + '"'


def fold(line):
    """A content line folded at 75 octets (RFC 5545, 3.1), never inside a
    UTF-8 character."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(encoded):
        end = min(start + limit, len(encoded))
        while end < len(encoded) and (encoded[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(encoded[start:end].decode())
        start, limit = end, 74  # continuation lines begin with a space
    return "\r\n ".join(parts)


def utc_stamp(moment):
    """A UTC date-time (form 2 of RFC 5545, 3.3.5) from a naive UTC datetime."""
    return moment.strftime("%Y%m%dT%H%M%SZ")


def calendar(events, method="PUBLISH"):
    """A VCALENDAR of events, each a list of (name, value) properties whose
    values are already in their RFC 5545 form."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             f"METHOD:{method}"]
    for properties in events:
        lines.append("BEGIN:VEVENT")
        lines += [fold(f"{name}:{value}") for name, value in properties]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
