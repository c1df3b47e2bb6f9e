from odoo.tools.misc import formatLang


def format_points(env, value):
    """Points as the user's language writes them: "92", "85,5" in
    Vietnamese, never the float's own "92.0"."""
    return formatLang(env, value, digits=0 if float(value).is_integer() else 1)


# Quarters are written in Roman numerals: "quý III/2026".
ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def format_quarter(env, quarter, year):
    """The quarter (1 to 4, or its digit as a string) of year as the user's
    language writes it: "quý III/2026"."""
    return env._(
        "quarter %(quarter)s/%(year)s", quarter=ROMAN_QUARTERS[int(quarter)], year=year
    )


def format_time(env, hours):
    """A time of day given in hours as Vietnamese writes it: "19 giờ 30",
    "7 giờ 05" (in English "19:30", "7:05")."""
    hour, minute = divmod(round((hours or 0.0) * 60), 60)
    minute = str(minute).zfill(2)
    return env._("%(hour)s:%(minute)s", hour=hour, minute=minute)


def format_paper_date(env, place, date):
    """The place and date line of a Party document (Hướng dẫn 36-HD/VPTW):
    "Hoa Lư, ngày 05 tháng 01 năm 2026". A zero pads the days under 10 and
    the months 1 and 2 only: "ngày 03 tháng 4", "tháng 11"."""
    day = str(date.day).zfill(2)
    month = str(date.month).zfill(2 if date.month <= 2 else 1)
    return env._(
        "%(place)s, day %(day)s month %(month)s year %(year)s",
        place=place,
        day=day,
        month=month,
        year=date.year,
    )
