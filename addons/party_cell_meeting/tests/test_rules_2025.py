import base64
import io
from datetime import date, datetime, timedelta

import openpyxl
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import PartyCellMeetingCase, load_vietnamese
from .common_report import PartyReportCase
from .stat_common import PartyStatCase


class RulesCase(PartyReportCase):
    def give_cell_c_a_secretary(self):
        user = mail_new_test_user(
            self.env,
            login="party_secretary_c",
            email="party_secretary_c@example.com",
            groups="party_cell_meeting.group_party_cell_secretary",
        )
        self.member_c1.user_id = user
        self.env["party.position"].create(
            {"member_id": self.member_c1.id, "organization_id": self.cell_c.id, "role": "secretary"}
        )


@tagged("post_install", "-at_install")
class TestMeetingDuration(RulesCase):
    """Hướng dẫn 42-HD/BTCTW: a regular meeting lasts at least 90 minutes,
    120 with thematic content; the committees may set other minimums for
    their cells, and the nearest one up the tree wins."""

    def held(self, minutes, combined=False, meeting=None):
        meeting = meeting or self.meeting_a
        meeting.write({"combined": combined, "time_start": 19.5, "time_end": 19.5 + minutes / 60})
        if meeting.state == "planned":
            with freeze_time(meeting.date):
                meeting.action_mark_held()
        return meeting

    def test_minimum_at_its_boundaries(self):
        meeting = self.held(89)
        self.assertEqual(meeting.duration_minutes, 89)
        self.assertTrue(meeting.is_too_short)
        for minutes, combined, too_short in (
            (90, False, False),
            (119, True, True),
            (120, True, False),
            (119, False, False),
        ):
            with self.subTest(minutes=minutes, combined=combined):
                self.held(minutes, combined)
                self.assertEqual(meeting.duration_minutes, minutes)
                self.assertEqual(meeting.is_too_short, too_short)
        self.assertEqual(
            self.env["party.meeting"].search_count(
                [("is_too_short", "=", True), ("cell_id", "=", self.cell_a.id)]
            ),
            0,
        )

    def test_the_consolidation_counts_the_short_meetings(self):
        self.held(80)
        self.env.flush_all()
        Consolidation = self.env["report.party_cell_meeting.report_party_consolidation"]
        march = {"date_from": "2026-03-01", "date_to": "2026-03-31"}
        data = Consolidation._consolidate(self.ward_1, *Consolidation._months(march))
        self.assertEqual(data["totals"]["too_short_count"], 1)
        self.assertEqual(
            [figures["too_short_count"] for cell, figures in data["cells"] if cell == self.cell_a],
            [1],
        )
        html = self.env["ir.actions.report"]._render_qweb_html(
            "party_cell_meeting.action_report_party_consolidation", self.ward_1.ids,
            data={"date_from": "2026-03-01", "date_to": "2026-03-31"},
        )[0].decode()
        self.assertRegex(
            html, r"Meetings shorter than the minimum duration</td>\s*<td class=\"o_number\">1</td>"
        )

    def test_the_minutes_say_how_long_the_meeting_lasted(self):
        self.held(105)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "party_cell_meeting.action_report_party_meeting_minutes", self.meeting_a.ids
        )[0].decode()
        self.assertIn("19:30 to 21:15 (105 minutes)", html)

    def test_a_planned_meeting_or_one_without_its_end_is_not_judged(self):
        self.meeting_a.write({"time_start": 19.5, "time_end": 20.0})
        self.assertFalse(self.meeting_a.is_too_short)
        self.meeting_a.time_end = 0
        with freeze_time(self.meeting_a.date):
            self.meeting_a.action_mark_held()
        self.assertFalse(self.meeting_a.is_too_short)
        self.assertEqual(self.meeting_a.duration_minutes, 0)

    def test_times_are_checked(self):
        with self.assertRaises(ValidationError):
            self.meeting_a.write({"time_start": 20.0, "time_end": 19.0})
        with self.assertRaises(ValidationError):
            self.create_meeting(self.cell_a, "2026-03-20", kind="thematic", combined=True)

    def test_rules_found_up_the_tree(self):
        Rule = self.env["party.organization.rule"]
        on = date(2026, 3, 3)
        self.assertEqual(self.cell_a._party_rule("min_duration_minutes", on), 90)
        self.assertEqual(self.cell_a._party_rule("min_duration_combined_minutes", on), 120)
        Rule.create(
            {
                "name": "05-QĐ/TU",
                "organization_id": self.province.id,
                "date_from": "2026-01-01",
                "min_duration_minutes": 100,
            }
        )
        self.assertEqual(self.cell_a._party_rule("min_duration_minutes", on), 100)
        # the province set nothing for combined meetings: still HD 42's 120
        self.assertEqual(self.cell_a._party_rule("min_duration_combined_minutes", on), 120)
        ward_rule = Rule.create(
            {
                "name": "02-QĐ/ĐU",
                "organization_id": self.ward_1.id,
                "date_from": "2026-02-01",
                "date_to": "2026-03-31",
                "min_duration_minutes": 60,
            }
        )
        self.assertEqual(self.cell_a._party_rule("min_duration_minutes", on), 60)
        self.assertEqual(self.cell_c._party_rule("min_duration_minutes", on), 100)
        # expired: the province's again
        self.assertEqual(self.cell_a._party_rule("min_duration_minutes", date(2026, 4, 3)), 100)
        self.assertEqual(self.cell_a._party_rule("min_duration_minutes", date(2026, 1, 15)), 100)
        # a meeting held under the ward's rule, judged again when the rule changes
        meeting = self.held(70)
        self.assertFalse(meeting.is_too_short)
        ward_rule.date_to = "2026-02-28"
        self.assertTrue(meeting.is_too_short)
        ward_rule.unlink()
        self.assertTrue(meeting.is_too_short)

    def test_one_rule_of_a_committee_at_a_time(self):
        Rule = self.env["party.organization.rule"]
        Rule.create(
            {
                "name": "05-QĐ/TU",
                "organization_id": self.province.id,
                "date_from": "2026-01-01",
                "min_duration_minutes": 100,
            }
        )
        with self.assertRaises(ValidationError):
            Rule.create(
                {
                    "name": "06-QĐ/TU",
                    "organization_id": self.province.id,
                    "date_from": "2026-06-01",
                    "min_duration_minutes": 95,
                }
            )
        # another setting of the same committee does not clash
        Rule.create(
            {
                "name": "07-QĐ/TU",
                "organization_id": self.province.id,
                "date_from": "2026-06-01",
                "report_due_day": 15,
            }
        )
        with self.assertRaises(ValidationError):
            Rule.create(
                {
                    "name": "08-QĐ/CB",
                    "organization_id": self.cell_a.id,
                    "date_from": "2026-06-01",
                    "report_due_day": 15,
                }
            )

    def test_report_due_day_and_rubric_from_the_rules(self):
        rubric = self.env["party.score.template"].create(
            {
                "name": "Thang điểm của phường",
                "date_from": "2026-01-01",
                "criterion_ids": [Command.create({"name": "Nội dung", "max_points": 100})],
            }
        )
        self.env["party.organization.rule"].create(
            {
                "name": "02-QĐ/ĐU",
                "organization_id": self.ward_1.id,
                "date_from": "2026-01-01",
                "report_due_day": 7,
                "score_template_id": rubric.id,
            }
        )
        report = self.hold_meeting_a()
        self.assertEqual(report.date_deadline, date(2026, 3, 7))
        score = self.env["party.meeting.score"].create({"meeting_id": self.meeting_a.id})
        self.assertEqual(score.template_id, rubric)
        # cell_c of the other ward keeps the company's day
        self.assertEqual(
            self.cell_c._party_rule("report_due_day"), self.env.company.party_report_due_day
        )

    def test_office_sets_rules_of_its_own_subtree_only(self):
        Rule = self.env["party.organization.rule"].with_user(self.user_office_ward_1)
        rule = Rule.create(
            {
                "name": "02-QĐ/ĐU",
                "organization_id": self.ward_1.id,
                "date_from": "2026-01-01",
                "min_duration_minutes": 60,
            }
        )
        with self.assertRaises(AccessError):
            Rule.create(
                {
                    "name": "05-QĐ/TU",
                    "organization_id": self.province.id,
                    "date_from": "2026-01-01",
                    "min_duration_minutes": 60,
                }
            )
        with self.assertRaises(AccessError):
            rule.write({"organization_id": self.ward_2.id})
        for user in (self.user_secretary, self.user_cadre, self.user_member):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["party.organization.rule"].with_user(user).create(
                    {"name": "x", "organization_id": self.ward_1.id, "date_from": "2026-01-01"}
                )

    def test_the_secretary_records_the_times_not_the_verdict(self):
        meeting = self.held(80).with_user(self.user_secretary)
        for vals in (
            {"is_too_short": False},
            {"duration_minutes": 120},
            {"documents_in_time": True},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                meeting.write(vals)
        meeting.write({"time_end": 21.0})
        self.assertFalse(meeting.is_too_short)

    def test_the_cadres_reports_take_the_recorded_times(self):
        self.meeting_a.write({"time_start": 19.5, "time_end": 21.25})
        report = self.hold_meeting_a()
        self.assertEqual((report.time_start, report.time_end), (19.5, 21.25))

    def test_the_time_criterion_is_suggested_from_the_duration(self):
        rubric = self.env["party.score.template"].create(
            {
                "name": "Thang điểm có thời lượng",
                "date_from": "2026-01-01",
                "criterion_ids": [
                    Command.create(
                        {"name": "Thời lượng", "max_points": 5, "suggest_from": "duration"}
                    ),
                    Command.create({"name": "Nội dung", "max_points": 95}),
                ],
            }
        )
        self.env["party.organization.rule"].create(
            {
                "name": "02-QĐ/ĐU",
                "organization_id": self.ward_1.id,
                "date_from": "2026-01-01",
                "score_template_id": rubric.id,
            }
        )
        Score = self.env["party.meeting.score"]
        self.held(85)
        line = Score.create({"meeting_id": self.meeting_a.id}).line_ids[:1]
        self.assertEqual(line.points, 0)
        self.meeting_a.score_ids.unlink()
        self.meeting_a.time_end = 21.0
        line = Score.create({"meeting_id": self.meeting_a.id}).line_ids[:1]
        self.assertEqual(line.points, 5)


@tagged("post_install", "-at_install")
class TestMeetingDocuments(RulesCase):
    """Hướng dẫn 42-HD/BTCTW: the documents are posted at least a day before
    the meeting; whether they were is computed from the times."""

    def test_posted_25_and_23_hours_ahead(self):
        # cell_a meets on 3/3/2026 at 19:30 in Vietnam (12:30 UTC)
        meeting = self.meeting_a
        with freeze_time("2026-03-03 12:00:00"):
            meeting.date_documents_posted = datetime(2026, 3, 2, 11, 30)
            self.assertTrue(meeting.documents_in_time)
            meeting.date_documents_posted = datetime(2026, 3, 2, 13, 30)
            self.assertFalse(meeting.documents_in_time)
            # moved later: now a day ahead
            meeting.time_start = 20.5
            self.assertTrue(meeting.documents_in_time)

    def test_no_posting_in_the_future_nor_after_the_meeting_is_held(self):
        with freeze_time("2026-03-01 08:00:00"):
            with self.assertRaises(ValidationError):
                self.meeting_a.date_documents_posted = datetime(2026, 3, 2, 8, 0)
            self.meeting_a.with_user(self.user_secretary).action_documents_posted_now()
            self.assertEqual(self.meeting_a.date_documents_posted, datetime(2026, 3, 1, 8, 0))
        self.hold_meeting_a()
        with self.assertRaises(UserError):
            self.meeting_a.with_user(self.user_secretary).date_documents_posted = datetime(
                2026, 2, 25, 8, 0
            )

    def test_the_report_ticks_what_the_meeting_shows(self):
        with freeze_time("2026-03-01 08:00:00"):
            self.meeting_a.action_documents_posted_now()
        report = self.hold_meeting_a()
        self.assertTrue(report.step_notice)

    def test_the_secretary_is_told_what_is_missing(self):
        self.give_cell_c_a_secretary()
        # the reminders are written in each secretary's language
        (self.user_secretary | self.member_c1.user_id).lang = "en_US"
        prepare = self.env.ref("party_cell_meeting.mail_activity_type_prepare_meeting")

        def note(meeting):
            return str(
                self.env["mail.activity"]
                .search(
                    [
                        ("activity_type_id", "=", prepare.id),
                        ("res_model", "=", "party.meeting"),
                        ("res_id", "=", meeting.id),
                    ]
                )
                .note
            )

        self.meeting_c.write(
            {"location": "Nhà văn hóa thôn C", "agenda": "<p>Nội dung tháng 3</p>"}
        )
        with freeze_time("2026-03-01 08:00:00"):
            self.meeting_a.action_documents_posted_now()
            self.env["party.meeting"]._cron_send_reminders()
        missing_a, missing_c = note(self.meeting_a), note(self.meeting_c)
        self.assertIn("Sổ tay đảng viên điện tử", missing_c)
        self.assertIn("19:30 02/03/2026", missing_c)
        self.assertNotIn("Sổ tay", missing_a)
        self.assertIn("place", missing_a)
        self.assertNotIn("place", missing_c)


@tagged("post_install", "-at_install")
class TestThematicContent(RulesCase):
    def test_a_combined_meeting_counts_for_the_quarter(self):
        self.give_cell_c_a_secretary()
        self.meeting_a.combined = True
        with freeze_time("2026-03-03"):
            self.meeting_c.action_load_attendance()
            self.meeting_c.attendance_ids.status = "present"
            (self.meeting_a | self.meeting_c).action_mark_held()
        activity_type = self.env.ref("party_cell_meeting.mail_activity_type_thematic_meeting")
        with freeze_time("2026-04-02"):
            self.env["party.organization"]._cron_check_thematic_meetings()
        asked = self.env["mail.activity"].search(
            [("activity_type_id", "=", activity_type.id), ("res_model", "=", "party.organization")]
        )
        self.assertIn(self.cell_c.id, asked.mapped("res_id"))
        self.assertNotIn(self.cell_a.id, asked.mapped("res_id"))


@tagged("post_install", "-at_install")
class TestRating366(PartyStatCase):
    """Quy định 366-QĐ/TW: 100 points, bands at 90/70/50, attendance and
    reports as evidence lines; yearly and quarterly (Kết luận 198-KL/TW);
    the office proposes, the committee decides."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scheme = cls.env.ref("party_cell_meeting.party_rating_scheme_366")
        cls.Evaluation = cls.env["party.cadre.evaluation"]

    def evaluation_of(self, cadre, quarter=None):
        evaluations = self.Evaluation._prepare_period(self.province.ids, "2026", quarter)
        return evaluations.filtered(lambda evaluation: evaluation.cadre_id == cadre)

    def give(self, evaluation, points):
        """Give `points` on the criteria the office scores, on top of the evidence."""
        for line in evaluation.line_ids.filtered(lambda line: not line.evidence):
            line.points = min(line.max_points, points)
            points -= line.points

    def test_yearly_and_quarterly_evaluations_of_one_cadre(self):
        year = self.evaluation_of(self.cadre)
        first = self.evaluation_of(self.cadre, 1)
        second = self.evaluation_of(self.cadre, 2)
        self.assertEqual(len(year | first | second), 3)
        self.assertEqual(
            (year.period_type, first.period_type, first.quarter), ("year", "quarter", "1")
        )
        self.assertEqual(year.scheme_id, self.scheme)

        def evidence(evaluation):
            return [
                (line.evidence, line.points, line.figures)
                for line in evaluation.line_ids.filtered("evidence").sorted("sequence")
            ]

        # March: present, report on time; April: absent; May: present, report missing
        self.assertEqual(
            evidence(first),
            [
                ("attendance", 10.0, "1 of 1 assigned meetings attended"),
                ("reporting", 10.0, "1 of 1 reports filed on time"),
            ],
        )
        self.assertEqual([points for _e, points, _f in evidence(second)], [5.0, 0.0])
        self.assertEqual([points for _e, points, _f in evidence(year)], [6.7, 5.0])
        self.assertEqual(year.points, 11.7)
        self.assertEqual(year.suggested_rating, "not_completed")
        # the fourth quarter is assessed with the year
        with self.assertRaises(ValidationError):
            self.Evaluation.create(
                {
                    "organization_id": self.province.id,
                    "cadre_id": self.cadre.id,
                    "year": "2026",
                    "period_type": "quarter",
                }
            )
        # preparing again keeps the office's points and follows the figures
        self.give(first, 70)
        self.evaluation_of(self.cadre, 1)
        self.assertEqual(first.points, 90.0)

    def test_bands_at_their_boundaries(self):
        evaluation = self.evaluation_of(self.deputy)
        evidence = sum(evaluation.line_ids.filtered("evidence").mapped("points"))
        for total, rating in (
            (49.5, "not_completed"),
            (50, "completed"),
            (69.5, "completed"),
            (70, "good"),
            (89.5, "good"),
            (90, "excellent"),
        ):
            with self.subTest(total=total):
                evaluation.line_ids.filtered(lambda line: not line.evidence).points = 0
                self.give(evaluation, total - evidence)
                self.assertAlmostEqual(evaluation.points, total)
                self.assertEqual(evaluation.suggested_rating, rating)
        self.assertEqual(self.scheme._rating_for_points(89.94), "good")
        self.assertEqual(self.scheme._rating_for_points(89.95), "excellent")

    def test_evidence_is_not_given_by_hand(self):
        evaluation = self.evaluation_of(self.cadre).with_user(self.user_office_province)
        attendance = evaluation.line_ids.filtered(lambda line: line.evidence == "attendance")
        with self.assertRaises(UserError):
            attendance.points = 10
        with self.assertRaises(ValidationError):
            evaluation.line_ids.filtered(lambda line: not line.evidence)[:1].points = 99
        with self.assertRaises(AccessError):
            evaluation.with_user(self.user_cadre).line_ids[:1].points = 1

    def test_the_excellent_quota(self):
        evaluations = self.Evaluation._prepare_period(self.province.ids, "2026")
        mine = evaluations.filtered(lambda evaluation: evaluation.organization_id == self.province)
        self.assertEqual(len(mine), 2)
        mine.rating = "good"
        self.assertFalse(any(mine.mapped("over_quota")))
        # 20 % of 2 well rated: none may be excellent
        mine[0].rating = "excellent"
        self.assertTrue(mine[0].over_quota)
        self.assertFalse(mine[1].over_quota)
        mine[1].rating = "excellent"
        self.assertTrue(all(mine.mapped("over_quota")))
        self.assertEqual([self.scheme._excellent_allowed(count) for count in (4, 5, 10)], [0, 1, 2])
        half = self.scheme.copy({"excellent_quota_percent": 50})
        self.assertEqual(half._excellent_allowed(2), 1)
        self.assertIsNone(half.copy({"excellent_quota_percent": 0})._excellent_allowed(10))

    def test_the_office_proposes_and_the_committee_decides(self):
        evaluation = self.evaluation_of(self.deputy).with_user(self.user_office_province)
        evaluation.rating = "good"
        evaluation.action_confirm()
        with self.assertRaises(UserError):
            evaluation.action_decide()
        with self.assertRaises(UserError):
            evaluation.rating = "excellent"
        evaluation.write({"decided_rating": "completed", "decision_note": "Quyết định số 15-QĐ/TU"})
        evaluation.action_decide()
        self.assertEqual((evaluation.rating, evaluation.decided_rating), ("good", "completed"))
        self.assertEqual(evaluation.state, "decided")
        for vals in (
            {"decided_rating": "good"},
            {"state": "draft"},
            {"date_decided": "2026-01-01"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                evaluation.write(vals)
        with self.assertRaises(UserError):
            evaluation.action_reset_to_draft()

    def test_no_decision_before_the_proposal(self):
        evaluation = self.evaluation_of(self.deputy).with_user(self.user_office_province)
        with self.assertRaises(ValidationError):
            evaluation.decided_rating = "excellent"
        with self.assertRaises(ValidationError):
            evaluation.decision_note = "Quyết định số 15-QĐ/TU"

    def test_the_workbook_carries_points_and_ratings(self):
        evaluation = self.evaluation_of(self.cadre)
        self.give(evaluation, 70)
        evaluation.rating = "good"
        wizard = self.env["party.report.export.wizard"].with_user(self.user_office_province).create(
            {"organization_id": self.province.id, "date_from": "2026-01-01",
             "date_to": "2026-12-31"}
        )
        wizard.action_export_xlsx()
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data))).worksheets[1]
        headers = [cell.value for cell in sheet[1]]
        rows = [dict(zip(headers, row, strict=True))
                for row in sheet.iter_rows(min_row=2, values_only=True)]
        (mine,) = [row for row in rows if row[headers[2]] == self.cadre.name]
        points, suggested, proposed, decided = headers[-4:]
        self.assertEqual(mine[points], evaluation.points)
        self.assertEqual(mine[points], 81.7)
        labels = dict(evaluation._fields["rating"]._description_selection(wizard.env))
        self.assertEqual(mine[suggested], labels["good"])
        self.assertEqual(mine[proposed], labels["good"])
        self.assertFalse(mine[decided])

    def test_a_used_scheme_is_not_changed(self):
        self.evaluation_of(self.cadre)
        with self.assertRaises(UserError):
            self.scheme.band_excellent = 85
        with self.assertRaises(UserError):
            self.scheme.criterion_ids[:1].max_points = 20
        self.scheme.name = "Thang điểm 100 (đã dùng)"


@tagged("post_install", "-at_install")
class TestRules2025Tours(PartyCellMeetingCase, HttpCase):
    """The journeys of HD 42 as each role walks them, in Vietnamese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)
        (cls.user_secretary | cls.user_office_ward_1).lang = "vi_VN"

    def test_secretary_prepares_a_meeting_on_a_phone(self):
        # a regular meeting three days ahead (the fixture's are of March)
        meeting = self.create_meeting(self.cell_a, fields.Date.today() + timedelta(days=3))
        self.browser_size = "390x844"
        self.start_tour(
            f"/odoo/action-party_cell_meeting.party_meeting_action/{meeting.id}",
            "party_secretary_prepares_meeting_tour",
            login="party_secretary",
        )
        self.assertEqual(meeting.time_end, 21.25)
        self.assertTrue(meeting.documents_in_time)

    def test_ward_office_sets_its_rules_on_a_desktop(self):
        self.browser_size = "1440x900"
        self.start_tour(
            "/odoo/action-party_cell_meeting.party_meeting_action",
            "party_ward_office_sets_rules_tour",
            login="party_office_w1",
        )
        self.assertEqual(self.cell_a._party_rule("min_duration_minutes", date(2026, 3, 3)), 60)
        self.assertEqual(self.cell_c._party_rule("min_duration_minutes", date(2026, 3, 3)), 90)
