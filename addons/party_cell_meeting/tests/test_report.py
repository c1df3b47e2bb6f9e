from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common_report import PartyReportCase


@tagged("post_install", "-at_install")
class TestMeetingReport(PartyReportCase):
    @freeze_time("2026-03-05")
    def test_held_meeting_creates_one_report_per_cadre_present(self):
        reports = self.hold_meeting_a()
        # the deputy was excused: only the principal reports
        self.assertEqual(len(reports), 1)
        self.assertEqual(reports.cadre_id, self.cadre)
        self.assertEqual(reports.assignment_id, self.assignment_cadre)
        self.assertEqual(reports.state, "draft")
        # pre-filled from the attendance: 3 members, 2 present, 1 unexcused
        self.assertEqual(
            (reports.member_total, reports.member_present, reports.member_excused,
             reports.member_unexcused, reports.member_exempt),
            (3, 2, 0, 1, 0),
        )
        self.assertEqual(self.meeting_a.report_ids, reports)
        # a report the cadre opened before is not duplicated
        self.assertEqual(self.env["party.meeting.report"]._create_for_meetings(self.meeting_a),
                         self.env["party.meeting.report"])

    def test_deadline_in_the_month_or_the_next(self):
        Report = self.env["party.meeting.report"]
        on_3rd = self.meeting_a
        on_12th = self.create_meeting(self.cell_a, "2026-03-12", kind="thematic", topic="NQ4")
        on_10th = self.create_meeting(self.cell_a, "2026-03-10", kind="extraordinary")
        in_december = self.create_meeting(self.cell_a, "2026-12-20", kind="thematic", topic="NQ4")
        reports = Report.create(
            [{"meeting_id": meeting.id, "assignment_id": self.assignment_cadre.id}
             for meeting in (on_3rd, on_12th, on_10th, in_december)]
        )
        self.assertEqual(
            reports.mapped("date_deadline"),
            [date(2026, 3, 10), date(2026, 4, 10), date(2026, 3, 10), date(2027, 1, 10)],
        )

    def test_deadline_follows_the_settings(self):
        self.env.company.party_report_due_day = 31
        thematic = self.create_meeting(self.cell_a, "2026-02-12", kind="thematic", topic="NQ4")
        report = self.env["party.meeting.report"].create(
            {"meeting_id": thematic.id, "assignment_id": self.assignment_cadre.id}
        )
        # the 31st of a short month is its last day
        self.assertEqual(report.date_deadline, date(2026, 2, 28))
        self.env.company.party_report_due_day = 5
        late_meeting = self.create_meeting(self.cell_a, "2026-02-20", kind="thematic", topic="NQ4")
        later = self.env["party.meeting.report"].create(
            {"meeting_id": late_meeting.id, "assignment_id": self.assignment_cadre.id}
        )
        self.assertEqual(later.date_deadline, date(2026, 3, 5))
        # deadlines already given do not move with the settings
        self.assertEqual(report.date_deadline, date(2026, 2, 28))

    def test_submit_on_time_and_late(self):
        with freeze_time("2026-03-05"):
            report = self.hold_meeting_a()
        with freeze_time("2026-03-10"):
            report.with_user(self.user_cadre).action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.date_submitted, date(2026, 3, 10))
        self.assertFalse(report.is_late)

        thematic = self.create_meeting(self.cell_a, "2026-03-20", kind="thematic", topic="NQ4")
        late = self.env["party.meeting.report"].create(
            {"meeting_id": thematic.id, "assignment_id": self.assignment_cadre.id}
        )
        self.assertEqual(late.date_deadline, date(2026, 4, 10))
        with freeze_time("2026-04-11"):
            late.with_user(self.user_cadre).action_submit()
        self.assertTrue(late.is_late)
        Report = self.env["party.meeting.report"]
        self.assertEqual(Report.search([("is_late", "=", True), ("cell_id", "=", self.cell_a.id)]),
                         late)
        self.assertEqual(Report.search([("is_late", "=", False), ("cell_id", "=", self.cell_a.id)]),
                         report)

    @freeze_time("2026-03-01")
    def test_no_report_submitted_before_the_meeting(self):
        report = self.env["party.meeting.report"].create(
            {"meeting_id": self.meeting_a.id, "assignment_id": self.assignment_cadre.id}
        )
        with self.assertRefused(UserError, "once it is held"):
            report.action_submit()

    @freeze_time("2026-03-05")
    def test_submitted_report_is_locked_and_reopened_with_a_trail(self):
        # the fixture disables tracking; the trail is what this test is about
        self.meeting_a.with_context(tracking_disable=False).action_mark_held()
        report = self.meeting_a.report_ids.with_context(tracking_disable=False)
        report.with_user(self.user_cadre).write({"speaker_count": 3, "young_speaker_count": 1})
        report.with_user(self.user_cadre).action_submit()
        with self.assertRefused(UserError, "locked"):
            report.with_user(self.user_cadre).write({"speaker_count": 4})
        with self.assertRefused(UserError, "locked"):
            report.with_user(self.user_office_ward_1).remarks = "<p>Sửa</p>"
        # only the office reopens, and says why
        with self.assertRefused(UserError, "Only the party office"):
            report.with_user(self.user_cadre).action_reopen("Sai số liệu")
        with self.assertRefused(UserError, "Say why"):
            report.with_user(self.user_office_ward_1).action_reopen(" ")
        wizard = self.env["party.meeting.report.reopen.wizard"].with_context(
            tracking_disable=False
        ).with_user(
            self.user_office_ward_1
        ).create({"report_ids": [report.id], "reason": "Số đảng viên có mặt chưa đúng"})
        wizard.action_confirm()
        self.assertEqual(report.state, "draft")
        # the first submission date stays: reopening is not the cadre's delay
        self.assertEqual(report.date_submitted, date(2026, 3, 5))
        self.env.flush_all()
        self.env.cr.flush()
        report.invalidate_recordset(["message_ids"])
        bodies = report.message_ids.mapped("body")
        self.assertTrue(any("Số đảng viên có mặt chưa đúng" in body for body in bodies))
        tracked = report.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "state"
        )
        self.assertTrue(tracked, "the state changes are tracked in the chatter")
        report.with_user(self.user_cadre).write({"speaker_count": 4})
        with freeze_time("2026-03-20"):
            report.with_user(self.user_cadre).action_submit()
        self.assertEqual(report.date_submitted, date(2026, 3, 5))
        self.assertFalse(report.is_late)

    @freeze_time("2026-03-05")
    def test_submitted_report_cannot_be_deleted(self):
        report = self.hold_meeting_a()
        report.action_submit()
        with self.assertRefused(UserError, "cannot be deleted"):
            report.unlink()
        report.with_user(self.user_office_ward_1).action_reopen("Sửa lại")
        with self.assertRefused(UserError, "cannot be deleted"):
            report.unlink()
        # a draft never submitted can go
        thematic = self.create_meeting(self.cell_a, "2026-03-04", kind="thematic", topic="NQ4")
        draft = self.env["party.meeting.report"].create(
            {"meeting_id": thematic.id, "assignment_id": self.assignment_cadre.id}
        )
        draft.with_user(self.user_cadre).unlink()
        self.assertFalse(draft.exists())

    def test_report_under_the_assignment_of_the_cell(self):
        with self.assertRefused(ValidationError, "was not assigned to Chi bộ thôn C"):
            self.env["party.meeting.report"].create(
                {"meeting_id": self.meeting_c.id, "assignment_id": self.assignment_cadre.id}
            )
        self.meeting_a.action_cancel()
        with self.assertRefused(ValidationError, "cancelled"):
            self.env["party.meeting.report"].create(
                {"meeting_id": self.meeting_a.id, "assignment_id": self.assignment_cadre.id}
            )

    def test_young_speakers_are_speakers(self):
        report = self.env["party.meeting.report"].create(
            {"meeting_id": self.meeting_a.id, "assignment_id": self.assignment_cadre.id}
        )
        with self.assertRefused(ValidationError, "More young members spoke"):
            report.write({"speaker_count": 1, "young_speaker_count": 2})
        with self.assertRefused(ValidationError, "cannot end before it starts"):
            report.write({"time_start": 20.0, "time_end": 19.0})
        report.write({"time_start": 19.5, "time_end": 21.0})
        self.assertEqual(report.duration, 1.5)

    @freeze_time("2026-03-05")
    def test_cadre_opens_their_report_from_the_meeting(self):
        meeting = self.meeting_a.with_user(self.user_cadre)
        action = meeting.action_open_my_report()
        report = self.env["party.meeting.report"].browse(action["res_id"])
        self.assertEqual(report.cadre_id, self.cadre)
        self.assertEqual(meeting.action_open_my_report()["res_id"], report.id)
        # the excused deputy has nothing to report
        with self.assertRefused(UserError, "record your attendance as present"):
            self.meeting_a.with_user(self.user_deputy).action_open_my_report()
        # marking the meeting held keeps that report
        self.hold_meeting_a()
        self.assertEqual(self.meeting_a.report_ids, report)

    def test_form_prefills_the_attendance(self):
        form = Form(self.env["party.meeting.report"].with_user(self.user_cadre))
        form.meeting_id = self.meeting_a
        form.assignment_id = self.assignment_cadre
        self.assertEqual(form.member_present, 2)
        self.assertEqual(form.topic, self.meeting_a.topic)
        report = form.save()
        self.assertEqual(report.date_deadline, date(2026, 3, 10))


@tagged("post_install", "-at_install")
class TestMeetingReportAccess(PartyReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Report = cls.env["party.meeting.report"]
        cls.report_cadre = Report.create(
            {"meeting_id": cls.meeting_a.id, "assignment_id": cls.assignment_cadre.id}
        )
        decision = cls.env["party.assignment.decision"].create(
            {
                "name": "141-QĐ/TU",
                "organization_id": cls.province.id,
                "date_effective": "2026-01-01",
                "assignment_ids": [(0, 0, {"cadre_id": cls.deputy.id, "cell_id": cls.cell_c.id})],
            }
        )
        decision.action_put_in_force()
        cls.report_c = Report.create(
            {"meeting_id": cls.meeting_c.id, "assignment_id": decision.assignment_ids.id}
        )

    def visible(self, user):
        return self.env["party.meeting.report"].with_user(user).search([])

    def test_cadre_sees_and_writes_only_their_own(self):
        self.assertEqual(self.visible(self.user_cadre), self.report_cadre)
        self.report_cadre.with_user(self.user_cadre).speaker_count = 2
        with self.assertRaises(AccessError):
            self.report_c.with_user(self.user_cadre).read(["state"])
        with self.assertRaises(AccessError):
            self.env["party.meeting.report"].with_user(self.user_cadre).create(
                {"meeting_id": self.meeting_a.id, "assignment_id": self.assignment_deputy.id}
            )

    def test_office_sees_its_subtree(self):
        self.assertEqual(self.visible(self.user_office_ward_1), self.report_cadre)
        self.assertEqual(
            self.visible(self.user_office_province), self.report_cadre | self.report_c
        )
        with self.assertRaises(AccessError):
            self.report_c.with_user(self.user_office_ward_1).write({"speaker_count": 1})

    def test_secretary_reads_the_reports_on_their_cell(self):
        self.assertEqual(self.visible(self.user_secretary), self.report_cadre)
        with self.assertRaises(AccessError):
            self.report_cadre.with_user(self.user_secretary).write({"speaker_count": 1})

    def test_member_and_resolver_see_no_report(self):
        with self.assertRaises(AccessError):
            self.visible(self.user_member)
        self.assertFalse(self.visible(self.user_resolver))
        # until a proposal of the report is sent to their authority
        proposal = self.new_proposal(self.report_cadre)
        proposal.action_assign()
        self.assertEqual(self.visible(self.user_resolver), self.report_cadre)


@tagged("post_install", "-at_install")
class TestOverdueReports(PartyReportCase):
    """What is still owed past its day reads as overdue (red in the lists);
    a report filed late is only marked late."""

    def test_overdue_until_submitted(self):
        report = self.hold_meeting_a()
        Report = self.env["party.meeting.report"]
        with freeze_time("2026-03-10"):
            report.invalidate_recordset(["is_overdue"])
            self.assertFalse(report.is_overdue)
        with freeze_time("2026-03-11"):
            report.invalidate_recordset(["is_overdue"])
            self.assertTrue(report.is_overdue)
            self.assertEqual(Report.search([("is_overdue", "=", True)]), report)
            self.assertFalse(Report.search([("is_overdue", "!=", True), ("id", "=", report.id)]))
            report.action_submit()
            report.invalidate_recordset(["is_overdue"])
            self.assertFalse(report.is_overdue)
            self.assertTrue(report.is_late)
        arch = self.env.ref("party_cell_meeting.party_meeting_report_view_list").arch_db
        self.assertIn('decoration-danger="is_overdue"', arch)
        self.assertIn('decoration-warning="is_late"', arch)
