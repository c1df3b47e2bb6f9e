from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import PartyCellMeetingCase


@tagged("post_install", "-at_install")
class TestMissingReports(PartyCellMeetingCase):
    """After the report due day, the cadres who attended and filed nothing
    are asked for their report, and each ward office gets one digest."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.party_report_due_day = 10
        # cell_b (ward 1) is attended by the cadre too; cell_c (ward 2)
        # by the deputy
        decision = cls.env["party.assignment.decision"].create(
            {
                "name": "150-QĐ/TU",
                "organization_id": cls.province.id,
                "date_effective": "2026-01-01",
                "assignment_ids": [
                    Command.create({"cadre_id": cls.cadre.id, "cell_id": cls.cell_b.id}),
                    Command.create({"cadre_id": cls.deputy.id, "cell_id": cls.cell_c.id}),
                ],
            }
        )
        decision.action_put_in_force()
        cls.meeting_b = cls.create_meeting(cls.cell_b, "2026-03-03")
        cls.meetings = cls.meeting_a | cls.meeting_b | cls.meeting_c
        for meeting in cls.meetings:
            meeting.action_load_attendance()
            meeting.attendance_ids.action_mark_present()
        with freeze_time("2026-03-04"):
            cls.meetings.action_mark_held()
        cls.user_office_ward_2 = cls.user_office_ward_1.copy(
            {"login": "party_office_d2",
             "party_organization_ids": [Command.set(cls.ward_2.ids)]}
        )
        cls.reports = cls.meetings.report_ids
        cls.file_report = cls.env.ref("party_cell_meeting.mail_activity_type_file_report")

    def digests(self, ward):
        """The messages addressed to an office on the ward."""
        return ward.message_ids.filtered("partner_ids")

    def run_cron(self, day):
        with freeze_time(day):
            cron = self.env.ref("party_cell_meeting.party_meeting_report_cron_missing")
            cron.method_direct_trigger()
        self.env.invalidate_all()

    def test_reports_exist_for_cadres_present(self):
        self.assertEqual(
            {(report.meeting_id, report.cadre_id) for report in self.reports},
            {(self.meeting_a, self.cadre), (self.meeting_a, self.deputy),
             (self.meeting_b, self.cadre), (self.meeting_c, self.deputy)},
        )

    def test_nothing_before_the_due_day_passes(self):
        self.run_cron("2026-03-10")
        self.assertFalse(self.reports.activity_ids)
        self.assertFalse(self.digests(self.ward_1))

    def test_missing_reports_are_asked_and_digested_per_ward(self):
        submitted = self.reports.filtered(
            lambda report: report.meeting_id == self.meeting_a and report.cadre_id == self.deputy
        )
        with freeze_time("2026-03-08"):
            submitted.action_submit()
        self.run_cron("2026-03-11")

        missing = self.reports - submitted
        activities = missing.activity_ids.filtered(lambda a: a.activity_type_id == self.file_report)
        self.assertEqual(len(activities), 3)
        self.assertEqual(
            {(activity.res_id, activity.user_id) for activity in activities},
            {(report.id, report.cadre_id.user_id) for report in missing},
        )
        self.assertFalse(submitted.activity_ids.filtered(
            lambda a: a.activity_type_id == self.file_report
        ))

        digest_1 = self.digests(self.ward_1)
        self.assertEqual(len(digest_1), 1, "one digest for the office, not one per report")
        self.assertEqual(digest_1.partner_ids, self.user_office_ward_1.partner_id)
        self.assertIn("Chi bộ thôn A", digest_1.body)
        self.assertIn("Chi bộ trường B", digest_1.body)
        self.assertNotIn("Chi bộ thôn C", digest_1.body)
        self.assertTrue(digest_1.subject.endswith(": 2"), digest_1.subject)
        digest_2 = self.digests(self.ward_2)
        self.assertEqual(digest_2.partner_ids, self.user_office_ward_2.partner_id)
        self.assertIn("Chi bộ thôn C", digest_2.body)
        self.assertIn("Lê Thị Phó", digest_2.body)

    def test_running_twice_notifies_once(self):
        self.run_cron("2026-03-11")
        self.run_cron("2026-03-11")
        self.run_cron("2026-03-12")
        self.assertEqual(
            len(self.reports.activity_ids.filtered(
                lambda a: a.activity_type_id == self.file_report
            )),
            4,
        )
        self.assertEqual(len(self.digests(self.ward_1)), 1)
        self.assertEqual(len(self.digests(self.ward_2)), 1)

    def test_a_batch_of_committees_a_call_each_with_one_digest(self):
        """The cron takes the reports of a batch of superior committees a
        call, each committee whole: Odoo's cron runner calls again while
        committees remain, and each office still gets one digest."""
        with freeze_time("2026-03-11"):
            self.assertEqual(
                self.run_cron_call("_cron_notify_missing_reports", batch_size=1), (1, 1)
            )
            self.assertEqual(
                len(self.digests(self.ward_1)) + len(self.digests(self.ward_2)), 1
            )
            self.assertEqual(
                self.run_cron_call("_cron_notify_missing_reports", batch_size=1), (1, 0)
            )
            self.assertEqual(
                self.run_cron_call("_cron_notify_missing_reports", batch_size=1), (0, 0)
            )
        self.assertEqual(len(self.digests(self.ward_1)), 1)
        self.assertEqual(len(self.digests(self.ward_2)), 1)
        self.assertEqual(
            len(self.reports.activity_ids.filtered(
                lambda a: a.activity_type_id == self.file_report
            )),
            4,
        )

    def test_a_committee_without_its_own_office_is_read_by_the_office_above(self):
        """A new ward before its office is set up: the province office gets
        the ward's digest, on the ward, rather than nobody."""
        self.user_office_ward_2.party_organization_ids = [Command.clear()]
        self.run_cron("2026-03-11")
        digest_2 = self.digests(self.ward_2)
        self.assertEqual(digest_2.partner_ids, self.user_office_province.partner_id)
        self.assertIn("Chi bộ thôn C", digest_2.body)
        # the ward with an office of its own still gets its digest alone
        self.assertEqual(self.digests(self.ward_1).partner_ids, self.user_office_ward_1.partner_id)
