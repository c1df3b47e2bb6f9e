from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged, users

from ..models.party_cadre_evaluation import FROZEN_FIGURES, suggest_rating
from .stat_common import PartyStatCase

# the refusal, in the user's language
OUTSIDE = "outside the organizations of your office|không thuộc các tổ chức của văn phòng cấp ủy"

@tagged("post_install", "-at_install")
class TestCadreEvaluation(PartyStatCase):
    """The year-end evaluation freezes the cadre's figures of the year and
    suggests a rating; the office proposes one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the figures-only rule of before Quy định 366-QĐ/TW, chosen by the province
        cls.env["party.organization.rule"].create(
            {
                "name": "Quy định số 01-QĐ/TU",
                "organization_id": cls.province.id,
                "date_from": "2025-01-01",
                "rating_scheme_id": cls.env.ref("party_cell_meeting.party_rating_scheme_rates").id,
            }
        )

    def prepare(self, organization=None, user=None):
        Evaluation = self.env["party.cadre.evaluation"]
        if user:
            Evaluation = Evaluation.with_user(user)
        return Evaluation._prepare_year((organization or self.province).ids, "2026")

    def test_figures_frozen_from_the_statistics(self):
        evaluations = self.prepare()
        self.assertEqual(
            set(evaluations.mapped(lambda e: (e.organization_id, e.cadre_id))),
            {(self.province, self.cadre), (self.province, self.deputy),
             (self.ward_2, self.cadre_d2)},
        )
        self.refresh_views()
        for evaluation in evaluations:
            stat = self.env["party.cadre.stat"].search(
                [("cadre_id", "=", evaluation.cadre_id.id), ("year", "=", "2026"),
                 ("organization_id", "=", evaluation.organization_id.id)]
            )
            for name in FROZEN_FIGURES + ("attendance_rate", "report_rate"):
                self.assertEqual(evaluation[name], stat[name], name)
        cadre = evaluations.filtered(lambda e: e.cadre_id == self.cadre)
        # 2 of 3 attended (66.7%), one unexcused absence, one report of two missing
        self.assertEqual(cadre.suggested_rating, "completed")
        self.assertEqual(cadre.rating, "completed")
        deputy = evaluations.filtered(lambda e: e.cadre_id == self.deputy)
        # 2 of 3 attended, excused once; one report of two late
        self.assertEqual(deputy.suggested_rating, "completed")

    def test_frozen_figures_do_not_follow_later_records(self):
        evaluation = self.prepare().filtered(lambda e: e.cadre_id == self.cadre)
        evaluation.action_confirm()
        self.report_a_may_cadre.action_submit()  # a late report, after the freeze
        self.prepare()
        self.assertEqual(evaluation.report_missing_count, 1)
        evaluation.action_reset_to_draft()
        self.prepare()
        self.assertEqual(
            (evaluation.report_missing_count, evaluation.report_late_count), (0, 1)
        )

    def test_suggestions(self):
        figures = {"attendance_rate": 100.0, "report_rate": 100.0, "unexcused_count": 0,
                   "report_missing_count": 0}
        self.assertEqual(suggest_rating(figures), "excellent")
        self.assertEqual(suggest_rating({**figures, "report_rate": 80.0}), "good")
        self.assertEqual(suggest_rating({**figures, "unexcused_count": 2}), "completed")
        self.assertEqual(suggest_rating({**figures, "attendance_rate": 40.0}), "not_completed")

    def test_office_rating_kept_on_refresh_and_locked_once_proposed(self):
        evaluation = self.prepare().filtered(lambda e: e.cadre_id == self.deputy)
        evaluation.rating = "excellent"
        self.prepare()
        self.assertEqual(evaluation.rating, "excellent")
        evaluation.action_confirm()
        with self.assertRefused(UserError, "locked"):
            evaluation.rating = "good"

    def test_the_wizard_prepares_and_lists(self):
        wizard = self.env["party.report.export.wizard"].with_user(
            self.user_office_province
        ).create({"organization_id": self.province.id, "date_from": "2026-01-01",
                  "date_to": "2026-12-31"})
        self.assertEqual(wizard.year, "2026")
        action = wizard.action_prepare_evaluations()
        self.assertEqual(action["res_model"], "party.cadre.evaluation")
        self.assertEqual(
            self.env["party.cadre.evaluation"].search_count(action["domain"]), 3
        )

    def test_offices_evaluate_their_own_cadres(self):
        self.prepare()
        office = self.user_office_ward_1
        Evaluation = self.env["party.cadre.evaluation"].with_user(office)
        self.assertFalse(Evaluation.search([]), "the province's cadres are not ward 1's")
        province_evaluation = self.env["party.cadre.evaluation"].search(
            [("cadre_id", "=", self.cadre.id)]
        )
        with self.assertRefused(AccessError, "party.cadre.evaluation"):
            province_evaluation.with_user(office).rating = "good"
        wizard = self.env["party.report.export.wizard"].with_user(office).create(
            {"organization_id": self.ward_2.id, "date_from": "2026-01-01",
             "date_to": "2026-12-31"}
        )
        with self.assertRefused(AccessError, OUTSIDE):
            wizard.action_prepare_evaluations()

    @users("party_cadre")
    def test_cadre_reads_their_own(self):
        self.prepare(user=self.user_office_province)
        evaluations = self.env["party.cadre.evaluation"].search([])
        self.assertEqual(evaluations.cadre_id, self.cadre)
        with self.assertRefused(AccessError, "party.cadre.evaluation"):
            evaluations.rating = "excellent"
