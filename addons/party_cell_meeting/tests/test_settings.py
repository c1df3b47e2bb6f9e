from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import PartyCellMeetingCase


@tagged("post_install", "-at_install")
class TestMonthlyCalendar(PartyCellMeetingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.party_no_meeting_day_ids.unlink()

    def test_defaults(self):
        company = self.env["res.company"].create({"name": "Đảng bộ mới"})
        self.assertEqual(
            (company.party_meeting_day, company.party_report_due_day,
             company.party_reminder_days, company.party_proposal_days),
            (3, 10, 2, 30),
        )

    def test_meeting_on_the_set_day(self):
        self.assertEqual(self.company._party_meeting_date("2026-03"), date(2026, 3, 3))
        self.company.party_meeting_day = 15
        self.assertEqual(self.company._party_meeting_date("2026-03"), date(2026, 3, 15))

    def test_day_past_the_end_of_a_short_month(self):
        self.company.party_meeting_day = 31
        self.assertEqual(self.company._party_meeting_date("2026-02"), date(2026, 2, 28))
        self.assertEqual(self.company._party_meeting_date("2028-02"), date(2028, 2, 29))
        self.assertEqual(self.company._party_meeting_date("2026-04"), date(2026, 4, 30))
        self.assertEqual(self.company._party_meeting_date("2026-05"), date(2026, 5, 31))

    def test_holiday_moves_to_the_next_working_day(self):
        Day = self.env["party.no.meeting.day"]
        # Tết 2027: 3 February (Wednesday) to 10 February are closed
        Day.create(
            [{"name": "Tết Nguyên đán", "date": date(2027, 2, day)} for day in range(3, 11)]
        )
        self.assertEqual(self.company._party_meeting_date("2027-02"), date(2027, 2, 11))
        # 3 October 2026 is a Saturday but no holiday: the cell meets that day
        self.assertEqual(self.company._party_meeting_date("2026-10"), date(2026, 10, 3))
        # a holiday on Friday 2 April 2027 → the next working day is Monday
        self.company.party_meeting_day = 2
        Day.create({"name": "Ngày nghỉ bù", "date": date(2027, 4, 2)})
        self.assertEqual(self.company._party_meeting_date("2027-04"), date(2027, 4, 5))

    def test_report_due_date(self):
        due = self.company._party_report_due_date
        self.assertEqual(due(date(2026, 3, 3)), date(2026, 3, 10))
        self.assertEqual(due(date(2026, 3, 10)), date(2026, 3, 10))
        self.assertEqual(due(date(2026, 3, 12)), date(2026, 4, 10))
        self.assertEqual(due(date(2026, 12, 20)), date(2027, 1, 10))
        self.company.party_report_due_day = 31
        self.assertEqual(due(date(2026, 2, 3)), date(2026, 2, 28))

    def test_settings_form_writes_on_the_company(self):
        with Form(self.env["res.config.settings"]) as settings:
            settings.party_meeting_day = 5
            settings.party_report_due_day = 12
            settings.party_year_theme = "Nêu gương về đạo đức và trách nhiệm thực thi công vụ"
        self.assertEqual(self.company.party_meeting_day, 5)
        self.assertEqual(self.company.party_report_due_day, 12)
        self.assertIn("Nêu gương", self.company.party_year_theme)

    def test_days_are_checked(self):
        with self.assertRefused(ValidationError, "between 1 and 31"):
            self.company.party_meeting_day = 32
        with self.assertRefused(ValidationError, "between 1 and 31"):
            self.company.party_report_due_day = 0
        with self.assertRefused(ValidationError, "at least one day"):
            self.company.party_proposal_days = 0


@tagged("post_install", "-at_install")
class TestHomeAction(PartyCellMeetingCase):
    def test_cadres_and_secretaries_land_on_my_meetings(self):
        home = self.env.ref("party_cell_meeting.party_meeting_action_mine").id
        self.assertEqual(self.user_cadre.action_id.id, home)
        self.assertEqual(self.user_secretary.action_id.id, home)
        self.assertFalse(self.user_office_province.action_id)
        self.assertFalse(self.user_member.action_id)
        # a member who becomes a cadre lands there from then on
        self.user_member.groups_id = [Command.link(
            self.env.ref("party_cell_meeting.group_party_cadre").id
        )]
        self.assertEqual(self.user_member.action_id.id, home)
        # a home action chosen by hand is kept
        chosen = self.env.ref("party_cell_meeting.party_meeting_action").id
        self.user_deputy.action_id = chosen
        self.user_deputy.groups_id = [Command.link(
            self.env.ref("party_cell_meeting.group_party_cell_secretary").id
        )]
        self.assertEqual(self.user_deputy.action_id.id, chosen)
