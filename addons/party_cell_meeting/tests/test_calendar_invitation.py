from datetime import UTC, datetime

import icalendar
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..controllers import party_calendar_feed
from ..models import party_ics
from .common import PartyCellMeetingCase

ICS = "text/calendar"


def parse(raw):
    calendar = icalendar.Calendar.from_ical(raw)
    return calendar, [component for component in calendar.walk("VEVENT")]


@tagged("post_install", "-at_install")
class TestCalendarInvitation(PartyCellMeetingCase):
    """The reminder to an assigned cadre carries an RFC 5545 invitation; a
    move or a cancellation sends its next version."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.party_no_meeting_day_ids.unlink()
        cls.env.company.party_reminder_days = 2
        cls.env.company.email = "vanphong@tinhuy.example.com"
        cls.april_a = cls.env["party.meeting"]._generate_regular_meetings("2026-04").filtered(
            lambda meeting: meeting.cell_id == cls.cell_a
        )
        cls.april_a.location = "Nhà văn hóa thôn A"

    def invitations(self, partner):
        mails = self.env["mail.mail"].search(
            [("recipient_ids", "in", partner.ids)], order="id"
        )
        return [
            (mail, attachment)
            for mail in mails
            for attachment in mail.attachment_ids
            if attachment.mimetype.startswith(ICS)
        ]

    def remind(self):
        with freeze_time("2026-04-01"):
            self.env["party.meeting"]._cron_send_reminders()

    def test_the_reminder_carries_the_invitation(self):
        self.remind()
        (mail, attachment), = self.invitations(self.cadre.partner_id)
        self.assertIn("method=request", attachment.mimetype.lower())
        calendar, (event,) = parse(attachment.raw)
        self.assertEqual(str(calendar["METHOD"]), "REQUEST")
        self.assertEqual(str(event["UID"]), f"party-meeting-{self.april_a.id}@"
                         + self.env["ir.config_parameter"].sudo().get_param("database.uuid"))
        self.assertEqual(int(event["SEQUENCE"]), self.april_a.ics_sequence)
        # 19:30 in Vietnam (UTC+7) is 12:30 UTC, for the two hours planned
        self.assertEqual(event.decoded("DTSTART"), datetime(2026, 4, 3, 12, 30, tzinfo=UTC))
        self.assertEqual(event.decoded("DTEND"), datetime(2026, 4, 3, 14, 30, tzinfo=UTC))
        self.assertEqual(str(event["LOCATION"]), "Nhà văn hóa thôn A")
        self.assertIn("Chi bộ thôn A", str(event["SUMMARY"]))
        self.assertTrue(str(event["URL"]).endswith(f"/odoo/party.meeting/{self.april_a.id}"))
        self.assertIn(self.cadre.partner_id.email, str(event["ATTENDEE"]))
        self.assertEqual(mail.model, "party.meeting.attendance")

    def test_a_move_then_a_cancellation_send_the_next_versions(self):
        self.remind()
        first = self.april_a.ics_sequence
        office = self.april_a.with_user(self.user_office_province)
        office.write({"date": "2026-04-06", "time_start": 14.0})
        self.assertEqual(self.april_a.ics_sequence, first + 1)
        moved = self.invitations(self.cadre.partner_id)[-1][1]
        _calendar, (event,) = parse(moved.raw)
        self.assertEqual(int(event["SEQUENCE"]), first + 1)
        self.assertEqual(event.decoded("DTSTART"), datetime(2026, 4, 6, 7, 0, tzinfo=UTC))
        office.action_cancel()
        cancelled = self.invitations(self.cadre.partner_id)[-1][1]
        calendar, (event,) = parse(cancelled.raw)
        self.assertEqual(str(calendar["METHOD"]), "CANCEL")
        self.assertEqual(str(event["STATUS"]), "CANCELLED")
        self.assertEqual(int(event["SEQUENCE"]), first + 2)
        self.assertEqual(len(self.invitations(self.cadre.partner_id)), 3)

    def test_a_new_planned_end_is_a_new_invitation(self):
        self.remind()
        self.april_a.time_end = 21.25
        _calendar, (event,) = parse(self.invitations(self.cadre.partner_id)[-1][1].raw)
        self.assertEqual(event.decoded("DTEND"), datetime(2026, 4, 3, 14, 15, tzinfo=UTC))

    def test_only_reminded_cadres_hear_of_a_move(self):
        # nobody was reminded yet: nothing to update
        first = self.april_a.ics_sequence
        self.april_a.write({"time_start": 20.0})
        self.assertFalse(self.invitations(self.cadre.partner_id))
        self.assertEqual(self.april_a.ics_sequence, first + 1)

    def test_text_is_escaped_and_long_lines_folded(self):
        self.april_a.location = "Nhà văn hóa, thôn A; phòng 2\nTầng 1 " + "x" * 80
        raw = party_ics.calendar(self.april_a._ics_events())
        self.assertTrue(all(len(line.encode()) <= 75 for line in raw.split("\r\n")))
        _calendar, (event,) = parse(raw)
        self.assertEqual(str(event["LOCATION"]), self.april_a.location)


@tagged("post_install", "-at_install")
class TestCalendarFeed(PartyCellMeetingCase, HttpCase):
    """Each cadre and secretary subscribes their phone's calendar to a
    private, revocable address of their own meetings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting_today = cls.create_meeting(
            cls.cell_a, datetime.now().date(), kind="thematic", topic="Nghị quyết 4"
        )
        (cls.meeting_a | cls.meeting_c | cls.meeting_today).action_load_attendance()
        cls.meeting_a.date = datetime.now().date()

    def feed_url(self, user):
        user.with_user(user).action_party_calendar_feed_new()
        return user.with_user(user).party_calendar_feed_url

    def fetch(self, url):
        self.authenticate(None, None)
        return self.url_open(url.replace(self.base_url(), ""))

    def test_the_feed_holds_the_users_own_meetings_only(self):
        url = self.feed_url(self.user_cadre)
        response = self.fetch(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith(ICS))
        calendar, events = parse(response.content)
        self.assertEqual(str(calendar["METHOD"]), "PUBLISH")
        uids = {str(event["UID"]).split("@")[0] for event in events}
        self.assertEqual(
            uids, {f"party-meeting-{meeting.id}" for meeting in self.meeting_a | self.meeting_today}
        )
        # the secretary of cell_a sees the cell's meetings, not cell_c's
        _calendar, events = parse(self.fetch(self.feed_url(self.user_secretary)).content)
        self.assertNotIn(f"party-meeting-{self.meeting_c.id}", str([e["UID"] for e in events]))
        self.assertTrue(events)

    def test_a_revoked_or_replaced_address_is_refused(self):
        old = self.feed_url(self.user_cadre)
        new = self.feed_url(self.user_cadre)
        self.assertNotEqual(old, new)
        self.assertEqual(self.fetch(old).status_code, 404)
        self.assertEqual(self.fetch(new).status_code, 200)
        self.user_cadre.with_user(self.user_cadre).action_party_calendar_feed_revoke()
        self.assertEqual(self.fetch(new).status_code, 404)
        self.assertEqual(self.fetch("/party/calendar/not-a-token.ics").status_code, 404)

    def test_nobody_else_reads_the_address_or_the_token(self):
        self.feed_url(self.user_cadre)
        self.assertFalse(self.user_cadre.with_user(self.user_office_province).party_calendar_feed_url)
        feed = self.env["party.calendar.feed"].search([("user_id", "=", self.user_cadre.id)])
        self.assertFalse(feed.with_user(self.user_deputy).search([]))
        with self.assertRaises(AccessError):
            feed.with_user(self.user_cadre).read(["token"])
        with self.assertRaises(UserError):
            self.user_cadre.with_user(self.user_deputy).action_party_calendar_feed_new()

    def test_a_runaway_client_is_slowed_down(self):
        url = self.feed_url(self.user_cadre)
        limit = party_calendar_feed.FEED_REQUESTS_PER_WINDOW
        statuses = [self.fetch(url).status_code for _request in range(limit + 1)]
        self.assertEqual(statuses[:limit], [200] * limit)
        self.assertEqual(statuses[-1], 429)
