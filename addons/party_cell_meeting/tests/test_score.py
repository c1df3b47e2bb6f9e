from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import load_vietnamese
from .score_common import PartyScoreCase


@tagged("post_install", "-at_install")
class TestMeetingScore(PartyScoreCase):
    """Score sheets: their lines, totals, bounds, classes and the rubric in
    force; the confirmation by the assigned cadre."""

    def test_sheet_has_one_line_per_criterion_of_the_rubric(self):
        score = self.new_sheet(self.meeting_a)
        self.assertEqual(score.template_id, self.template)
        self.assertEqual(score.line_ids.criterion_id, self.template.criterion_ids)
        self.assertEqual(score.line_ids.mapped("criterion_id.name"),
                         ["Thời gian", "Số lượng đảng viên dự", "Nội dung"])
        self.assertEqual(self.meeting_a.score_ids, score)
        self.assertEqual(score.max_points, 100)
        self.assertEqual(score.state, "draft")

    def test_total_is_the_sum_of_the_points(self):
        score = self.new_sheet(
            self.meeting_a,
            {self.crit_time: 4.5, self.crit_attendance: 3, self.crit_content: 61.25},
        )
        self.assertAlmostEqual(score.total, 68.75)
        self.assertAlmostEqual(score.self_total, 68.75)
        self.assertEqual(score.classification, "average")

    def test_points_bounded_by_zero_and_the_maximum(self):
        score = self.new_sheet(self.meeting_a)
        line = score.line_ids.filtered(lambda line: line.criterion_id == self.crit_time)
        with self.assertRefused(ValidationError, "scored from 0 to 5"):
            line.points = 5.5
            line.flush_recordset()
        with self.assertRefused(ValidationError, "scored from 0 to 5"):
            line.points = -1
            line.flush_recordset()
        line.points = 5
        self.assertEqual(score.total, 5 + score.line_ids[1].points)

    def test_band_boundaries(self):
        score = self.new_sheet(self.meeting_a)
        for total, expected in (
            (100, "excellent"), (90, "excellent"), (89.5, "good"), (70, "good"),
            (69.5, "average"), (50, "average"), (49.5, "poor"), (10, "poor"),
        ):
            with self.subTest(total=total):
                self.set_points(score, self.full_points(total))
                self.assertEqual(score.total, total)
                self.assertEqual(score.classification, expected)

    def test_thresholds_come_from_the_rubric(self):
        self.template.write({"threshold_excellent": 95, "threshold_good": 80,
                             "threshold_average": 60})
        score = self.new_sheet(self.meeting_a, self.full_points(90))
        self.assertEqual(score.classification, "good")
        self.set_points(score, self.full_points(79.5))
        self.assertEqual(score.classification, "average")
        self.set_points(score, self.full_points(59.5))
        self.assertEqual(score.classification, "poor")

    def test_excellent_needs_full_marks_on_required_criteria(self):
        score = self.new_sheet(
            self.meeting_a,
            {self.crit_time: 4.5, self.crit_attendance: 5, self.crit_content: 90},
        )
        self.assertEqual(score.total, 99.5)
        self.assertEqual(score.classification, "good")
        self.set_points(score, {self.crit_time: 5, self.crit_content: 80})
        self.assertEqual(score.total, 90)
        self.assertEqual(score.classification, "excellent")
        # attendance is not required at maximum
        self.set_points(score, {self.crit_attendance: 4, self.crit_content: 90})
        self.assertEqual(score.classification, "excellent")

    def test_only_held_meetings_are_scored_once(self):
        planned = self.create_meeting(self.cell_a, "2026-04-03")
        with self.assertRefused(ValidationError, "has not been held"):
            self.new_sheet(planned)
        self.new_sheet(self.meeting_a)
        with mute_logger("odoo.sql_db"), self.assertRefused(IntegrityError, "meeting_uniq"):
            self.new_sheet(self.meeting_a)
            self.env.flush_all()

    def test_rubric_in_force_on_the_meeting_date(self):
        self.template.action_archive()
        first, second = self.env["party.score.template"].create(
            [
                {"name": "Bản 2026", "date_from": "2026-01-01", "date_to": "2026-06-30",
                 "criterion_ids": [Command.create({"name": "Chung", "max_points": 100})]},
                {"name": "Bản 2026 sửa đổi", "date_from": "2026-07-01",
                 "criterion_ids": [Command.create({"name": "Chung", "max_points": 100})]},
            ]
        )
        cases = {
            "2026-01-03": first, "2026-06-30": first, "2026-07-01": second,
            "2027-03-03": second,
        }
        for date, template in cases.items():
            with self.subTest(date=date):
                meeting = self.held_meeting(self.cell_b, date)
                self.assertEqual(self.new_sheet(meeting).template_id, template)
        with self.assertRefused(UserError, "No scoring rubric is in force"):
            self.new_sheet(self.held_meeting(self.cell_b, "2025-12-03"))
        # the rubric names the kinds of meeting it scores
        with self.assertRefused(UserError, "No scoring rubric is in force"):
            self.new_sheet(self.held_meeting(self.cell_b, "2026-03-10", kind="thematic"))
        # a ward's own rubric wins over the general one below it
        ward = self.env["party.score.template"].create(
            {"name": "Huyện Một", "date_from": "2026-01-01",
             "organization_id": self.ward_1.id,
             "criterion_ids": [Command.create({"name": "Chung", "max_points": 100})]}
        )
        self.assertEqual(self.new_sheet(self.meeting_a).template_id, ward)
        self.assertEqual(self.new_sheet(self.meeting_c).template_id, first)

    def test_used_rubric_is_copied_not_edited(self):
        self.new_sheet(self.meeting_a)
        with self.assertRefused(UserError, "can no longer be changed"):
            self.template.threshold_good = 60
        with self.assertRefused(UserError, "can no longer be changed"):
            self.crit_content.max_points = 80
        with self.assertRefused(UserError, "can no longer be changed"):
            self.env["party.score.criterion"].create(
                {"template_id": self.template.id, "name": "Mới", "max_points": 1}
            )
        with self.assertRefused(UserError, "can no longer be changed"):
            self.crit_time.unlink()
        # it can be closed, and a new version made from it
        self.template.date_to = "2026-06-30"
        action = self.template.action_new_version()
        version = self.env["party.score.template"].browse(action["res_id"])
        self.assertEqual(version.criterion_ids.mapped("name"),
                         self.template.criterion_ids.mapped("name"))
        self.assertNotEqual(version.criterion_ids, self.template.criterion_ids)
        self.assertEqual(version.name, "Thang điểm thử (copy)")
        version.write({"date_from": "2026-07-01", "date_to": False, "threshold_good": 60})
        version.criterion_ids[2].max_points = 80
        self.assertEqual(version.max_points, 90)
        self.assertEqual(self.template.max_points, 100)

    def test_confirmation_trail(self):
        """The secretary scores and submits; the cadre adjusts with a reason
        and confirms; the cell's own scores are kept beside the cadre's."""
        score = self.new_sheet(self.meeting_a, self.full_points(92), user=self.user_secretary)
        with self.assertRefused(UserError, "not waiting for confirmation"):
            score.with_user(self.user_cadre).action_confirm()
        score.with_user(self.user_secretary).action_submit()
        self.assertEqual(score.submitted_by_id, self.user_secretary)
        as_cadre = score.with_user(self.user_cadre)
        content = as_cadre.line_ids.filtered(lambda line: line.criterion_id == self.crit_content)
        content.final_points = 75
        self.assertTrue(score.is_adjusted)
        with self.assertRefused(UserError, "give the reason"):
            as_cadre.action_confirm()
        as_cadre.adjustment_reason = "Chưa đánh giá việc thực hiện nghị quyết tháng trước."
        as_cadre.action_confirm()
        self.assertEqual(score.state, "confirmed")
        self.assertEqual(score.confirmed_by_id, self.user_cadre)
        self.assertTrue(score.date_confirmed)
        self.assertEqual((score.self_total, score.self_classification), (92, "excellent"))
        self.assertEqual((score.total, score.classification), (85, "good"))
        self.assertEqual((content.points, content.final_points), (82, 75))
        message = score.message_ids[:1]
        self.assertIn("Chưa đánh giá việc thực hiện", message.body)
        self.assertIn("82 → 75", message.body)
        # the confirmed sheet stays as it is
        with self.assertRefused(UserError, "kept as submitted"):
            content.with_user(self.user_secretary).points = 90
        with self.assertRefused(UserError, "submitted and that is not yet confirmed"):
            content.with_user(self.user_cadre).final_points = 80
        with self.assertRefused(UserError, "Only a score sheet still being scored"):
            score.unlink()

    def test_confirmation_without_adjustment_needs_no_reason(self):
        score = self.new_sheet(self.meeting_a, self.full_points(80), user=self.user_secretary)
        score.with_user(self.user_secretary).action_submit()
        score.with_user(self.user_deputy).action_confirm()
        self.assertEqual(score.confirmed_by_id, self.user_deputy)
        self.assertFalse(score.is_adjusted)
        self.assertEqual((score.total, score.classification), (80, "good"))

    def test_office_reopens_a_confirmed_sheet(self):
        score = self.new_sheet(self.meeting_a, self.full_points(92))
        score.action_submit()
        self.set_points(score, {self.crit_content: 70}, "final_points")
        score.adjustment_reason = "Điều chỉnh"
        score.action_confirm()
        with self.assertRefused(AccessError, "Only the party office"):
            score.with_user(self.user_secretary).action_reset_to_draft()
        score.with_user(self.user_office_ward_1).action_reset_to_draft()
        self.assertEqual(score.state, "draft")
        self.assertFalse(score.is_adjusted)
        self.assertFalse(score.confirmed_by_id)
        self.assertEqual(score.total, 92)

    def test_score_from_the_meeting_form(self):
        action = self.meeting_a.action_open_score()
        score = self.env["party.meeting.score"].browse(action["res_id"])
        self.assertEqual(score.meeting_id, self.meeting_a)
        self.assertEqual(self.meeting_a.action_open_score()["res_id"], score.id)
        with Form(score) as form:
            with form.line_ids.edit(2) as line:
                line.points = 60
        self.assertEqual(score.line_ids[2].points, 60)


@tagged("post_install", "-at_install")
class TestAttendanceSuggestion(PartyScoreCase):
    """The attendance criterion is suggested from the meeting's attendance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cell_s = cls.env["party.organization"].create(
            {"name": "Chi bộ thôn Hai Mươi", "code": "T-CB-20", "level": "cell",
             "cell_type": "residential", "parent_id": cls.ward_1.id}
        )
        cls.members_s = cls.env["party.member"].create(
            [{"name": f"Đảng viên {n:02d}", "organization_id": cls.cell_s.id}
             for n in range(1, 21)]
        )
        cls.exempt = cls.env["party.member"].create(
            {"name": "Cụ Miễn", "organization_id": cls.cell_s.id, "is_exempt": True}
        )
        cls.meeting_s = cls.create_meeting(cls.cell_s, "2026-05-03")
        cls.meeting_s.action_load_attendance()

    def suggest(self, present, unexcused=0, exempt_status="absent_unexcused"):
        """Suggested points with `present` of the 20 members present,
        `unexcused` absent without excuse and the others excused."""
        lines = self.meeting_s.attendance_ids
        for index, member in enumerate(self.members_s):
            line = lines.filtered(lambda line, member=member: line.member_id == member)
            if index < present:
                line.write({"status": "present", "reason": False})
            elif index < present + unexcused:
                line.write({"status": "absent_unexcused", "reason": False})
            else:
                line.write({"status": "absent_excused", "reason": "Đi công tác"})
        lines.filtered(lambda line: line.member_id == self.exempt).write(
            {"status": exempt_status}
        )
        return self.env["party.meeting.score"]._suggest_attendance_points(
            self.meeting_s
        )[self.meeting_s]

    def test_suggestion_at_each_boundary(self):
        # base points, plus 1: nobody excused more than 3 times in a row
        for present, expected in (
            (20, 5), (18, 5),  # 90 % and more: 4
            (17, 4), (15, 4),  # 75 % to 90 %: 3
            (14, 3), (13, 3),  # 65 % to 75 %: 2
            (12, 2), (0, 2),   # below 65 %: 1
        ):
            with self.subTest(present=present):
                self.assertEqual(self.suggest(present), expected)

    def test_any_unexcused_absence_gives_one(self):
        self.assertEqual(self.suggest(19, unexcused=1), 2)

    def test_exempt_members_are_left_out(self):
        # the exempt member, absent without excuse, counts neither way
        self.assertEqual(self.suggest(18, exempt_status="absent_unexcused"), 5)
        self.exempt.is_exempt = False
        self.assertEqual(self.suggest(18, exempt_status="absent_unexcused"), 2)

    def test_sheet_starts_from_the_suggestion_scaled_to_the_maximum(self):
        self.suggest(17)
        self.meeting_s.state = "held"
        score = self.new_sheet(self.meeting_s)
        line = score.line_ids.filtered(lambda line: line.criterion_id == self.crit_attendance)
        self.assertEqual(line.points, 4)
        self.assertEqual(set((score.line_ids - line).mapped("points")), {0})
        # on a rubric of 20 points for attendance, the suggestion is scaled
        score.unlink()
        self.template.action_archive()
        four_parts = self.env.ref("party_cell_meeting.party_score_template_four_parts")
        four_parts.action_unarchive()
        score = self.new_sheet(self.meeting_s)
        self.assertEqual(score.template_id, four_parts)
        attendance = score.line_ids.filtered("criterion_id.suggest_from")
        self.assertEqual((attendance.max_points, attendance.points), (20, 16))

    def test_bonus_lost_after_more_than_three_excused_in_a_row(self):
        """A member excused 4 times in a row this year costs the bonus; 3 times
        do not; last year does not count."""
        secretary, member_1, member_2 = self.secretary, self.member_a1, self.member_a2
        history = {
            "2025-12-03": "absent_excused",
            "2026-01-03": "absent_excused",
            "2026-02-03": "absent_excused",
            "2026-03-03": "absent_excused",
        }
        for date, status in history.items():
            meeting = (
                self.meeting_a if date == "2026-03-03" else self.held_meeting(self.cell_a, date)
            )
            self.record_attendance(
                meeting, {secretary: "present", member_1: "present", member_2: status}
            )
        april = self.create_meeting(self.cell_a, "2026-04-03")
        may = self.create_meeting(self.cell_a, "2026-05-03")
        self.record_attendance(
            april, {secretary: "present", member_1: "present", member_2: "present"}
        )
        Score = self.env["party.meeting.score"]
        # 3 in a row in 2026 (December was last year), then present: bonus
        self.assertEqual(Score._suggest_attendance_points(april)[april], 5)
        # excused a 4th time in a row: no bonus for April, nor later in the year
        april.attendance_ids.filtered(lambda line: line.member_id == member_2).write(
            {"status": "absent_excused", "reason": "Ốm"}
        )
        april.state = "held"
        self.record_attendance(
            may, {secretary: "present", member_1: "present", member_2: "present"}
        )
        result = Score._suggest_attendance_points(april | may)
        # 2 of 3 present in April is below 75 %: 2
        self.assertEqual(result[april], 2)
        self.assertEqual(result[may], 4)
        # a meeting before the 4th absence keeps its bonus
        march = self.meeting_a
        self.assertEqual(Score._suggest_attendance_points(march)[march], 2 + 1)


@tagged("post_install", "-at_install")
class TestScoreInVietnamese(PartyScoreCase):
    """Classes and refusals read in the national words."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)

    def test_classes_and_messages(self):
        env_vi = self.env(context=dict(self.env.context, lang="vi_VN"))
        labels = dict(
            env_vi["party.meeting.score"].fields_get(["classification"])["classification"][
                "selection"
            ]
        )
        self.assertEqual(
            labels, {"excellent": "Tốt", "good": "Khá", "average": "Trung bình", "poor": "Kém"}
        )
        score = self.new_sheet(self.meeting_a)
        line = score.with_env(env_vi).line_ids[0]
        with self.assertRefused(ValidationError, "được chấm từ 0 đến 5"):
            line.points = 6


@tagged("post_install", "-at_install")
class TestScoreQueries(PartyScoreCase):
    """Suggesting and scoring take the same queries for one meeting or many."""

    def queries(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_queries_do_not_grow_with_meetings(self):
        members = self.env["party.member"].create(
            [{"name": f"Đảng viên {n}", "organization_id": self.cell_b.id} for n in range(10)]
        )
        meetings = self.env["party.meeting"]
        for month in range(1, 7):
            meeting = self.held_meeting(self.cell_b, f"2026-{month:02d}-03")
            self.record_attendance(
                meeting, {member: "present" if month % 2 else "absent_excused"
                          for member in members}
            )
            meetings |= meeting
        Score = self.env["party.meeting.score"]
        one = self.queries(lambda: Score._suggest_attendance_points(meetings[0]))
        many = self.queries(lambda: Score._suggest_attendance_points(meetings))
        self.assertEqual(many, one)
        one = self.queries(lambda: Score.create([{"meeting_id": meetings[0].id}]))
        many = self.queries(
            lambda: Score.create([{"meeting_id": meeting.id} for meeting in meetings[1:]])
        )
        self.assertLessEqual(many, one)
