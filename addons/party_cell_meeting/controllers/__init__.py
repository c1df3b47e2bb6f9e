from . import party_calendar_feed
