from datetime import datetime

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.party_cell_meeting.tests.common import PartyCellMeetingCase


@tagged("post_install", "-at_install")
class TestMeetingDayConflict(PartyCellMeetingCase):
    """A conference in Odoo Calendar that calls an assigned cadre away from
    their cell meeting: on the meeting day (the 3rd), or over a meeting they
    attend."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.party_no_meeting_day_ids.unlink()
        cls.env.company.party_meeting_day = 3
        cls.env.company.party_meeting_day_policy = "warn"
        cls.stranger = cls.env["res.partner"].create(
            {"name": "Khách mời", "email": "khach@example.com"}
        )
        # a thematic meeting of cell_a on the 20th, with its cadre lines
        cls.thematic = cls.create_meeting(
            cls.cell_a, "2026-05-20", kind="thematic", topic="Nghị quyết 4", time_start=14.0
        )
        cls.thematic.action_load_attendance()

    def new_event(self, start, stop, partners, **values):
        return self.env["calendar.event"].with_user(self.user_office_province).create(
            {
                "name": "Hội nghị sơ kết",
                "start": start,
                "stop": stop,
                "partner_ids": [Command.set(partners.ids)],
                **values,
            }
        )

    def test_the_meeting_day_needs_the_organizers_confirmation(self):
        # 3 May 2026, 08:00-11:00 in Vietnam
        with self.assertRaisesRegex(ValidationError, "Hold It All the Same") as refused:
            self.new_event("2026-05-03 01:00:00", "2026-05-03 04:00:00", self.cadre.partner_id)
        self.assertIn("Trần Văn Cán", str(refused.exception))
        self.assertIn("Chi bộ thôn A", str(refused.exception))
        event = self.new_event(
            "2026-05-03 01:00:00", "2026-05-03 04:00:00", self.cadre.partner_id,
            party_conflict_confirmed=True,
        )
        self.assertTrue(event.party_has_conflict)
        self.assertIn("Trần Văn Cán", event.party_conflict_note)
        listed = self.env["calendar.event"].search([("party_has_conflict", "=", True)])
        self.assertIn(event, listed)

    def test_another_day_is_free(self):
        event = self.new_event("2026-05-05 01:00:00", "2026-05-05 04:00:00", self.cadre.partner_id)
        self.assertFalse(event.party_has_conflict)
        self.assertFalse(event.party_conflict_note)

    def test_a_meeting_the_cadre_attends_is_kept_free_too(self):
        # 20 May, 14:00-16:00 in Vietnam is 07:00-09:00 UTC
        with self.assertRaisesRegex(ValidationError, "is assigned to"):
            self.new_event("2026-05-20 08:00:00", "2026-05-20 10:00:00", self.deputy.partner_id)
        # the morning of that day is free
        event = self.new_event("2026-05-20 01:00:00", "2026-05-20 03:00:00", self.deputy.partner_id)
        self.assertFalse(event.party_has_conflict)

    def test_a_meeting_ends_when_its_secretary_says(self):
        # planned 14:00-15:30 in Vietnam (07:00-08:30 UTC): 15:45 is free,
        # which the two hours assumed without an end would not leave
        self.thematic.time_end = 15.5
        event = self.new_event("2026-05-20 08:45:00", "2026-05-20 10:00:00", self.deputy.partner_id)
        self.assertFalse(event.party_has_conflict)
        with self.assertRaisesRegex(ValidationError, "is assigned to"):
            self.new_event("2026-05-20 08:15:00", "2026-05-20 10:00:00", self.deputy.partner_id)

    def test_attendees_who_are_not_assigned_cadres_are_free(self):
        event = self.new_event(
            "2026-05-03 01:00:00", "2026-05-03 04:00:00", self.stranger | self.member_a1.partner_id
        )
        self.assertFalse(event.party_has_conflict)

    def test_moving_an_event_onto_the_meeting_day_is_checked(self):
        event = self.new_event("2026-05-05 01:00:00", "2026-05-05 04:00:00", self.cadre.partner_id)
        with self.assertRaisesRegex(ValidationError, "Hold It All the Same"):
            event.write({"start": "2026-05-03 01:00:00", "stop": "2026-05-03 04:00:00"})

    def test_the_province_can_refuse_outright(self):
        self.env.company.party_meeting_day_policy = "block"
        with self.assertRaisesRegex(ValidationError, "does not allow"):
            self.new_event(
                "2026-05-03 01:00:00", "2026-05-03 04:00:00", self.cadre.partner_id,
                party_conflict_confirmed=True,
            )

    def test_an_all_day_event_over_the_meeting_day(self):
        with self.assertRaisesRegex(ValidationError, "Hold It All the Same"):
            self.new_event(
                datetime(2026, 6, 2, 0, 0), datetime(2026, 6, 4, 0, 0), self.cadre.partner_id,
                allday=True, start_date="2026-06-02", stop_date="2026-06-04",
            )

    def test_a_system_made_event_is_listed_not_refused(self):
        """Imports and synchronisations write as the system: the event is
        flagged for the office, not refused."""
        event = self.env["calendar.event"].create(
            {
                "name": "Hội nghị đồng bộ từ lịch khác",
                "start": "2026-05-03 01:00:00",
                "stop": "2026-05-03 04:00:00",
                "partner_ids": [Command.set(self.cadre.partner_id.ids)],
            }
        )
        self.assertTrue(event.party_has_conflict)
        self.assertFalse(event.party_conflict_confirmed)
