from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.party_cell_meeting.tests.common import PartyCellMeetingCase, load_vietnamese


@tagged("post_install", "-at_install")
class TestCalendarTours(PartyCellMeetingCase, HttpCase):
    """The calendar journeys in Vietnamese in headless Chromium; a tour fails
    on any error dialog."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)
        (cls.user_office_province | cls.user_cadre).write(
            {"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"}
        )
        cls.env.company.party_no_meeting_day_ids.unlink()
        cls.env.company.party_meeting_day = 3

    def test_an_office_confirms_a_conference_on_the_meeting_day(self):
        event = self.env["calendar.event"].with_user(self.user_office_province).create(
            {
                "name": "Hội nghị sơ kết quý II",
                # 5 May 2026, 08:00 in Vietnam
                "start": "2026-05-05 01:00:00",
                "stop": "2026-05-05 04:00:00",
                "partner_ids": [Command.set(self.cadre.partner_id.ids)],
            }
        )
        self.browser_size = "1440x900"
        self.start_tour(
            f"/odoo/action-calendar.action_calendar_event/{event.id}",
            "party_meeting_day_conflict_tour",
            login="party_office_province",
        )
        # the web client reads the hour in the browser's time zone
        self.assertEqual(str(event.start.date()), "2026-05-03")
        self.assertTrue(event.party_has_conflict and event.party_conflict_confirmed)

    def test_a_cadre_makes_the_address_of_their_calendar(self):
        self.browser_size = "1440x900"
        self.start_tour("/odoo", "party_calendar_feed_tour", login="party_cadre")
        feed = self.env["party.calendar.feed"].search([("user_id", "=", self.user_cadre.id)])
        self.assertTrue(feed)
