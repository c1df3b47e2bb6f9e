from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from . import test_views
from .score_common import PartyScoreCase


@tagged("post_install", "-at_install")
class TestScoreAccess(PartyScoreCase):
    """Secretaries score their own cell; cadres confirm only the cells they
    are assigned to; offices see their subtree; members read."""

    def search_as(self, user, model, records):
        self.env.invalidate_all()
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_secretary_scores_own_cell_only(self):
        score = self.new_sheet(self.meeting_a, user=self.user_secretary)
        self.set_points(score.with_user(self.user_secretary), self.full_points(88))
        self.assertEqual(score.total, 88)
        with self.assertRaises(AccessError):
            self.new_sheet(self.meeting_c, user=self.user_secretary)
        score_c = self.new_sheet(self.meeting_c)
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            score_c.with_user(self.user_secretary).read(["total"])
        with self.assertRaises(AccessError):
            score_c.line_ids[0].with_user(self.user_secretary).points = 1

    def test_secretary_cannot_confirm_or_adjust(self):
        score = self.new_sheet(self.meeting_a, self.full_points(90), user=self.user_secretary)
        score.with_user(self.user_secretary).action_submit()
        with self.assertRefused(AccessError, "Only a cadre assigned to Chi bộ thôn A"):
            score.with_user(self.user_secretary).action_confirm()
        with self.assertRefused(AccessError, "Only a cadre assigned"):
            score.line_ids[2].with_user(self.user_secretary).final_points = 10
        self.assertEqual(score.state, "submitted")

    def test_cadre_confirms_only_assigned_cells(self):
        score_c = self.new_sheet(self.meeting_c, self.full_points(90))
        score_c.action_submit()
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            score_c.with_user(self.user_cadre).action_confirm()
        self.assertEqual(score_c.state, "submitted")
        # assigned to cell_a, but not yet on the day of this meeting
        before = self.held_meeting(self.cell_a, "2025-12-03")
        score = self.new_sheet(before, self.full_points(90))
        score.action_submit()
        with self.assertRefused(AccessError, "on 03/12/2025"):
            score.with_user(self.user_cadre).action_confirm()
        # in force on the day: confirmed
        score_a = self.new_sheet(self.meeting_a, self.full_points(90))
        score_a.action_submit()
        score_a.with_user(self.user_cadre).action_confirm()
        self.assertEqual(score_a.state, "confirmed")

    def test_each_stage_offers_its_points_to_the_one_who_fills_them(self):
        """The score sheet on a phone shows a box only where the user may type."""
        score = self.new_sheet(self.meeting_a, self.full_points(90), user=self.user_secretary)

        def to_fill(user):
            return score.with_user(user).points_to_fill

        self.assertEqual(to_fill(self.user_secretary), "points")
        self.assertFalse(to_fill(self.user_cadre))
        score.with_user(self.user_secretary).action_submit()
        score.invalidate_recordset()
        self.assertFalse(to_fill(self.user_secretary))
        self.assertEqual(to_fill(self.user_cadre), "final_points")
        self.assertFalse(to_fill(self.user_member))
        score.with_user(self.user_cadre).action_confirm()
        score.invalidate_recordset()
        self.assertFalse(to_fill(self.user_cadre))
        self.assertFalse(to_fill(self.user_secretary))

    def test_workflow_fields_are_not_written_directly(self):
        score = self.new_sheet(self.meeting_a, self.full_points(90), user=self.user_secretary)
        for values in (
            {"state": "confirmed"},
            {"confirmed_by_id": self.user_secretary.id},
            {"state": "submitted"},
        ):
            with self.subTest(values=values), self.assertRefused(UserError, "its buttons"):
                score.with_user(self.user_secretary).write(values)
        self.assertEqual(score.state, "draft")
        # nor does a secretary adjust by making a line anew
        score.line_ids.filtered(lambda line: line.criterion_id == self.crit_time).with_user(
            self.user_secretary
        ).unlink()
        line = self.env["party.meeting.score.line"].with_user(self.user_secretary).create(
            {"score_id": score.id, "criterion_id": self.crit_time.id, "points": 3,
             "final_points": 5}
        )
        self.assertEqual((line.points, line.final_points), (3, 3))

    def test_cadre_neither_creates_nor_scores(self):
        with self.assertRaises(AccessError):
            self.new_sheet(self.meeting_a, user=self.user_cadre)
        score = self.new_sheet(self.meeting_a)
        with self.assertRefused(AccessError, "Only the secretary of Chi bộ thôn A"):
            score.line_ids[2].with_user(self.user_cadre).points = 50
        with self.assertRefused(AccessError, "Only the secretary"):
            score.with_user(self.user_cadre).action_submit()

    def test_member_reads_own_cell_only(self):
        score_a = self.new_sheet(self.meeting_a, self.full_points(80))
        score_c = self.new_sheet(self.meeting_c)
        scores = score_a | score_c
        self.assertEqual(self.search_as(self.user_member, "party.meeting.score", scores), score_a)
        with self.assertRaises(AccessError):
            score_a.line_ids[0].with_user(self.user_member).points = 1
        with self.assertRaises(AccessError):
            score_a.with_user(self.user_member).write({"note": "Sửa"})

    def test_office_sees_its_subtree(self):
        score_a = self.new_sheet(self.meeting_a)
        score_c = self.new_sheet(self.meeting_c)
        scores = score_a | score_c
        self.assertEqual(
            self.search_as(self.user_office_ward_1, "party.meeting.score", scores), score_a
        )
        self.assertEqual(
            self.search_as(self.user_office_ward_1, "party.meeting.score.line",
                           scores.line_ids),
            score_a.line_ids,
        )
        self.assertEqual(
            self.search_as(self.user_office_province, "party.meeting.score", scores), scores
        )
        with self.assertRaises(AccessError):
            self.new_sheet(self.held_meeting(self.cell_c, "2026-04-03"),
                           user=self.user_office_ward_1)
        # the office scores the cells of its subtree
        score_b = self.new_sheet(self.held_meeting(self.cell_b, "2026-04-03"),
                                 self.full_points(75), user=self.user_office_ward_1)
        self.assertEqual(score_b.classification, "good")

    def test_cell_years_and_member_years_follow_the_subtree(self):
        self.record_attendance(self.meeting_a, {self.member_a1: "absent_unexcused"})
        self.record_attendance(self.meeting_c, {self.member_c1: "absent_unexcused"})
        self.confirmed_sheet(self.meeting_a, 95)
        self.confirmed_sheet(self.meeting_c, 95)
        self.env.flush_all()
        years = self.env["party.cell.year.score"].search(
            [("cell_id", "in", (self.cell_a | self.cell_c).ids)]
        )
        flags = self.env["party.member.year.attendance"].search(
            [("member_id", "in", (self.member_a1 | self.member_c1).ids)]
        )
        self.assertEqual(len(years), 2)
        self.assertEqual(len(flags), 2)
        for user, cell, member in (
            (self.user_office_ward_1, self.cell_a, self.member_a1),
            (self.user_secretary, self.cell_a, self.member_a1),
            (self.user_cadre, self.cell_a, self.member_a1),
        ):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.search_as(user, "party.cell.year.score", years).cell_id, cell
                )
                self.assertEqual(
                    self.search_as(user, "party.member.year.attendance", flags).member_id,
                    member,
                )
        # a member sees their own flags only, and their cell's year
        self.assertEqual(
            self.search_as(self.user_member, "party.member.year.attendance", flags).member_id,
            self.member_a1,
        )
        self.assertEqual(
            self.search_as(self.user_member, "party.cell.year.score", years).cell_id,
            self.cell_a,
        )

    def test_rubrics_read_by_all_edited_by_administrators(self):
        self.assertEqual(self.template.with_user(self.user_member).name, "Thang điểm thử")
        for user in (self.user_office_province, self.user_secretary):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.template.with_user(user).write({"name": "Sửa"})
        self.template.with_user(self.user_manager).write({"name": "Sửa"})

    def test_actions_open_for_their_roles(self):
        open_action = test_views.TestViewsPerRole.open_action
        for user in (self.user_office_ward_1, self.user_secretary, self.user_cadre,
                     self.user_member):
            for xmlid in (
                "party_cell_meeting.party_meeting_score_action",
                "party_cell_meeting.party_cell_year_score_action",
                "party_cell_meeting.party_member_year_attendance_action",
            ):
                with self.subTest(user=user.login, action=xmlid):
                    open_action(self, user, xmlid)
        open_action(self, self.user_manager, "party_cell_meeting.party_score_template_action")
        score = self.new_sheet(self.meeting_a)
        form = score.with_user(self.user_cadre).get_views([(False, "form")])["views"]["form"]
        # the cadre's points are typed in the score sheet (see points_to_fill)
        self.assertIn('widget="party_score_sheet"', form["arch"])
        meeting_form = self.meeting_a.with_user(self.user_secretary).get_views(
            [(False, "form")]
        )["views"]["form"]
        self.assertIn("action_open_score", meeting_form["arch"])
