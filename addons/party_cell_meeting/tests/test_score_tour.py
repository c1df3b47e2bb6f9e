from odoo.tests import HttpCase, tagged

from .common import load_vietnamese
from .score_common import PartyScoreCase


@tagged("post_install", "-at_install")
class TestScoreTour(PartyScoreCase, HttpCase):
    """On a phone, in Vietnamese, a secretary scores a held meeting: the
    criteria in sight, points with a decimal comma, one save (issue 14,
    item 12)."""

    def test_a_secretary_scores_a_meeting_on_a_phone(self):
        load_vietnamese(self.env)
        self.user_secretary.lang = "vi_VN"
        self.browser_size = "390x844"
        self.touch_enabled = True
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
