from odoo.tests import HttpCase, tagged

from .common import load_vietnamese
from .score_common import PartyScoreCase


@tagged("post_install", "-at_install")
class TestScoreTour(PartyScoreCase, HttpCase):
    """On a phone, in Vietnamese, a secretary scores a held meeting: the
    criteria in sight, points with a decimal comma, one save; the assigned
    cadre adjusts and confirms it (issue 14, item 12)."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)
        (cls.user_secretary | cls.user_cadre).lang = "vi_VN"

    def test_a_secretary_scores_a_meeting_on_a_phone(self):
        self.start_tour(
            f"/odoo/party.meeting/{self.meeting_a.id}",
            "party_secretary_score_tour",
            login="party_secretary",
        )
        score = self.meeting_a.score_ids
        self.assertEqual(score.state, "submitted")
        points = {line.criterion_id: line.points for line in score.line_ids}
        self.assertEqual(
            points, {self.crit_time: 5, self.crit_attendance: 4.5, self.crit_content: 80}
        )
        self.assertEqual(score.total, 89.5)

    def test_the_cadre_confirms_the_score_on_a_phone(self):
        score = self.new_sheet(self.meeting_a, self.full_points(90), user=self.user_secretary)
        score.with_user(self.user_secretary).action_submit()
        self.start_tour(
            f"/odoo/party.meeting.score/{score.id}",
            "party_cadre_confirm_score_tour",
            login="party_cadre",
        )
        self.assertEqual(score.state, "confirmed")
        self.assertEqual((score.self_total, score.total), (90, 85))
        self.assertIn("nghị quyết", score.adjustment_reason)
