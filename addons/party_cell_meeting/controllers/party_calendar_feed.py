import threading
import time
from collections import defaultdict, deque

from odoo import http
from odoo.http import request

from ..models import party_ics as ics

# Calendar apps poll a feed every quarter of an hour or so: more than this
# many requests of one token in the window is not an app.
FEED_REQUESTS_PER_WINDOW = 20
FEED_WINDOW_SECONDS = 600


class PartyCalendarFeedController(http.Controller):
    _recent_requests = defaultdict(deque)
    _lock = threading.Lock()

    @classmethod
    def _allow(cls, token):
        """Count this request of token; False past the window's limit (per
        server process: enough to stop a runaway client)."""
        now = time.monotonic()
        with cls._lock:
            recent = cls._recent_requests[token]
            while recent and recent[0] <= now - FEED_WINDOW_SECONDS:
                recent.popleft()
            if len(recent) >= FEED_REQUESTS_PER_WINDOW:
                return False
            recent.append(now)
            return True

    @http.route(
        "/party/calendar/<string:token>.ics", type="http", auth="public", methods=["GET"],
        csrf=False, readonly=True,
    )
    def party_calendar_feed(self, token, **_kwargs):
        """A user's cell meetings, read-only, for their calendar app."""
        feed = request.env["party.calendar.feed"]._for_token(token)
        if not feed or not feed.user_id.active:
            return request.not_found()
        if not self._allow(token):
            return request.make_response(
                "Too many requests", headers=[("Retry-After", str(FEED_WINDOW_SECONDS))],
                status=429,
            )
        meetings = feed._meetings().with_context(lang=feed.user_id.lang)
        body = ics.calendar(meetings._ics_events(), method="PUBLISH")
        return request.make_response(
            body.encode(),
            headers=[
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("Cache-Control", "private, max-age=900"),
            ],
        )
