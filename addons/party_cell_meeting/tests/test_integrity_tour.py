from odoo.tests import HttpCase, tagged

from .common import load_vietnamese
from .common_report import PartyReportCase


@tagged("post_install", "-at_install")
class TestIntegrityTours(PartyReportCase, HttpCase):
    """The paths the integrity guard leaves open, walked in Vietnamese in
    headless Chromium: a tour fails on any error dialog."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)
        (cls.user_secretary | cls.user_resolver).write({"lang": "vi_VN"})
        cls.meeting_a.minutes = "<p>Bản nháp biên bản</p>"
        cls.meeting_a.action_mark_held()
        cls.report = cls.meeting_a.report_ids

    def test_secretary_corrects_a_held_meeting_on_a_phone(self):
        # the secretary has no e-mail address: the trail must not need one
        self.user_secretary.partner_id.email = False
        self.browser_size = "390x844"
        self.touch_enabled = True
        self.start_tour(
            f"/odoo/party.meeting/{self.meeting_a.id}",
            "party_secretary_held_meeting_tour",
            login="party_secretary",
        )
        line = self.meeting_a.attendance_ids.filtered(lambda line: line.member_id == self.member_a2)
        self.assertEqual((line.status, line.reason), ("absent_excused", "Ốm đột xuất"))
        self.assertIn("phòng chống bão", str(self.meeting_a.minutes))
        self.assertEqual(self.meeting_a.state, "held")

    def test_resolver_answers_a_proposal(self):
        proposal = self.new_proposal(self.report)
        proposal.action_assign()
        self.browser_size = "1440x900"
        self.start_tour(
            f"/odoo/party.proposal/{proposal.id}", "party_resolver_answer_tour",
            login="party_resolver",
        )
        self.assertEqual(proposal.state, "resolved")
        self.assertIn("kinh phí", proposal.resolution)
