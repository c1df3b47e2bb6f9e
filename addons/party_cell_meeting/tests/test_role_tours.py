from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import load_vietnamese
from .common_report import PartyReportCase


@tagged("post_install", "-at_install")
class TestRoleTours(PartyReportCase, HttpCase):
    """A ward office's day on a desktop, a secretary's roll call and a
    member's reading of their cell's meeting on a phone, walked in
    Vietnamese in headless Chromium; a tour fails on any error dialog. The
    cadre's day and the secretary's other tasks have their own tours
    (test_tour, test_integrity_tour, test_rules_2025)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)
        (cls.user_office_ward_1 | cls.user_secretary | cls.user_member).lang = "vi_VN"
        cls.meeting_a.action_mark_held()
        # the cell meets today: this month has its row
        cls.meeting_today = cls.create_meeting(
            cls.cell_a, fields.Date.today(), agenda="<p>Chi bộ bàn việc sửa đường thôn A.</p>"
        )

    def test_a_ward_office_starts_its_month_on_a_desktop(self):
        self.browser_size = "1440x900"
        self.start_tour(
            "/odoo/action-party_cell_meeting.party_cell_month_stat_action",
            "party_office_month_tour",
            login="party_office_w1",
        )
        self.assertTrue(self.meeting_a.report_ids.filtered("is_overdue"))

    def test_a_secretary_takes_the_roll_call_on_a_phone(self):
        Member = self.env["party.member"]
        others = Member.create(
            [{"name": f"Đảng viên {number:02d}", "organization_id": self.cell_a.id}
             for number in range(1, 26)]
        )
        exempt = Member.create(
            {"name": "Cụ Lê Văn Thọ", "organization_id": self.cell_a.id, "is_exempt": True}
        )
        self.browser_size = "390x844"
        self.touch_enabled = True
        self.start_tour(
            f"/odoo/party.meeting/{self.meeting_today.id}",
            "party_secretary_roll_call_tour",
            login="party_secretary",
        )
        lines = {line.member_id: line for line in self.meeting_today.attendance_ids}
        self.assertEqual(
            (lines[self.member_a2].status, lines[self.member_a2].reason),
            ("absent_excused", "Đi công tác"),
        )
        self.assertEqual(lines[others[0]].status, "absent_unexcused")
        present = [self.secretary, self.member_a1, *others[1:]]
        self.assertEqual({lines[member].status for member in present}, {"present"})
        # "All present" leaves the exempt member out: they are never counted
        self.assertEqual(lines[exempt].status, "pending")
        self.assertEqual(
            (self.meeting_today.member_count, self.meeting_today.present_count),
            (28, 26),
        )

    def test_a_member_reads_the_meeting_of_their_cell_on_a_phone(self):
        self.meeting_today.action_load_attendance()
        self.browser_size = "390x844"
        self.touch_enabled = True
        self.start_tour(
            "/odoo/party-my-meetings", "party_member_meeting_tour", login="party_member"
        )
        self.assertEqual(set(self.meeting_today.attendance_ids.mapped("status")), {"pending"})
        self.assertFalse(
            any(self.meeting_today.attendance_ids.with_user(self.user_member).mapped("can_record"))
        )
        # a member reads the meeting, not the cadres' reports on it
        form = self.env["party.meeting"].with_user(self.user_member).get_view(view_type="form")
        for field_name in ("report_ids", "proposal_ids", "answer_proposal_ids"):
            self.assertNotIn(f'name="{field_name}"', form["arch"])
