from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import PartyCellMeetingCase, load_vietnamese


@tagged("post_install", "-at_install")
class TestCadreReportTour(PartyCellMeetingCase, HttpCase):
    """On a phone, in Vietnamese, the assigned cadre records their attendance
    and files their report with one proposal, in at most 15 taps, in headless
    Chromium."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)
        cls.user_cadre.write({"password": "party_cadre", "lang": "vi_VN"})
        cls.authority = cls.env["party.authority"].create(
            {
                "name": "UBND xã Một",
                "kind": "government",
                "organization_id": cls.ward_1.id,
            }
        )
        # the cadre opens My Meetings on the day of the meeting: it is upcoming
        cls.meeting_a.date = fields.Date.context_today(cls.meeting_a)
        cls.meeting_a.action_load_attendance()
        # the secretary recorded the members; the cadres record themselves
        cls.meeting_a.attendance_ids.filtered(
            lambda line: line.attendee_role == "member" and line.member_id != cls.member_a2
        ).status = "present"
        cls.meeting_a.attendance_ids.filtered(
            lambda line: line.member_id == cls.member_a2
        ).status = "absent_unexcused"

    def test_cadre_files_a_report_on_a_phone(self):
        self.start_tour("/odoo/party-my-meetings", "party_cadre_report_tour", login="party_cadre")
        line = self.meeting_a.attendance_ids.filtered(lambda line: line.member_id == self.cadre)
        self.assertEqual(line.status, "present")
        report = self.meeting_a.report_ids
        self.assertEqual(report.cadre_id, self.cadre)
        self.assertEqual(report.state, "submitted")
        self.assertEqual((report.time_start, report.time_end), (19.5, 21.25))
        self.assertEqual(report.steps_done, 12)
        self.assertEqual((report.speaker_count, report.young_speaker_count), (4, 1))
        self.assertEqual(report.member_present, 2)
        proposal = report.proposal_ids
        self.assertEqual(proposal.name, "Sửa đường bê tông thôn A")
        self.assertEqual(proposal.authority_id, self.authority)
        self.assertEqual(proposal.state, "assigned")
