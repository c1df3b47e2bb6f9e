from datetime import datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import PartyCellMeetingCase


@tagged("post_install", "-at_install")
class TestPartyMeeting(PartyCellMeetingCase):
    def test_period_and_name_follow_the_date(self):
        self.assertEqual(self.meeting_a.period, "2026-03")
        self.assertEqual(self.meeting_a.display_name, "Regular meeting 03/2026 – Chi bộ thôn A")
        self.meeting_a.date = "2026-04-03"
        self.assertEqual(self.meeting_a.period, "2026-04")

    def test_the_calendar_shows_the_cell_and_the_hours(self):
        meeting = self.meeting_a
        meeting.write({"time_start": 14.0, "time_end": 16.5})
        self.assertEqual(
            (meeting.calendar_start, meeting.calendar_stop),
            (datetime(2026, 3, 3, 7, 0), datetime(2026, 3, 3, 9, 30)),
        )
        self.assertEqual(meeting.calendar_title, "Chi bộ thôn A")
        meeting.kind = "thematic"
        self.assertEqual(meeting.calendar_title, "Chi bộ thôn A (thematic)")
        arch = self.env["party.meeting"].get_views([(False, "calendar")])["views"]["calendar"][
            "arch"
        ]
        self.assertIn('date_start="calendar_start"', arch)
        self.assertIn('create_name_field="calendar_title"', arch)

    def test_one_regular_meeting_per_cell_and_period(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            self.create_meeting(self.cell_a, "2026-03-20")
        self.assertEqual(
            caught.exception.diag.constraint_name, "party_meeting_regular_cell_period_uniq"
        )
        # other kinds of meeting in the same month are fine
        thematic = self.create_meeting(
            self.cell_a, "2026-03-20", kind="thematic", topic="Nghị quyết Trung ương 4"
        )
        self.assertEqual(thematic.period, "2026-03")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            thematic.kind = "regular"
            thematic.flush_recordset()
        # so is the next month
        self.assertTrue(self.create_meeting(self.cell_a, "2026-04-03"))

    def test_duplicate_regular_meeting_is_explained_to_the_user(self):
        """The RPC layer turns the database's refusal into the constraint's
        message, in the user's language."""
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            self.create_meeting(self.cell_a, "2026-03-20")
        error = _as_validation_error(self.env, caught.exception)
        self.assertIn("A cell holds one regular meeting a month", str(error))

    def test_meetings_only_for_cells(self):
        with self.assertRefused(ValidationError, "not a cell"):
            self.create_meeting(self.ward_1, "2026-03-03")

    def test_load_attendance_adds_members_and_cadres_once(self):
        self.meeting_a.action_load_attendance()
        lines = self.meeting_a.attendance_ids
        self.assertEqual(
            lines.filtered(lambda line: line.attendee_role == "member").member_id,
            self.secretary | self.member_a1 | self.member_a2,
        )
        cadre_lines = lines.filtered(lambda line: line.attendee_role == "assigned_cadre")
        self.assertEqual(cadre_lines.member_id, self.cadre | self.deputy)
        self.assertEqual(cadre_lines.assignment_id, self.assignment_cadre | self.assignment_deputy)
        self.assertEqual(set(lines.mapped("status")), {"pending"})
        self.meeting_a.action_load_attendance()
        self.assertEqual(self.meeting_a.attendance_ids, lines)

    def test_load_attendance_only_takes_assignments_in_force_that_day(self):
        before = self.create_meeting(self.cell_a, "2025-12-03")
        before.action_load_attendance()
        self.assertFalse(
            before.attendance_ids.filtered(lambda line: line.attendee_role == "assigned_cadre")
        )
        self.assertEqual(len(before.attendance_ids), 3)

    def test_one_attendance_line_per_member(self):
        Attendance = self.env["party.meeting.attendance"]
        Attendance.create({"meeting_id": self.meeting_a.id, "member_id": self.member_a1.id})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            Attendance.create({"meeting_id": self.meeting_a.id, "member_id": self.member_a1.id})
            self.env.flush_all()

    def test_excused_absence_needs_a_reason(self):
        line = self.env["party.meeting.attendance"].create(
            {"meeting_id": self.meeting_a.id, "member_id": self.member_a1.id}
        )
        with self.assertRefused(ValidationError, "Give the reason"):
            line.status = "absent_excused"
        with self.assertRefused(ValidationError, "Give the reason"):
            line.write({"status": "absent_excused", "reason": "   "})
        line.write({"status": "absent_excused", "reason": "Đi công tác"})
        self.assertEqual(line.status, "absent_excused")

    def test_cadre_line_needs_their_assignment_to_this_cell(self):
        Attendance = self.env["party.meeting.attendance"]
        with self.assertRefused(ValidationError, "choose their assignment"):
            Attendance.create(
                {"meeting_id": self.meeting_c.id, "member_id": self.cadre.id,
                 "attendee_role": "assigned_cadre", "assignment_id": self.assignment_cadre.id}
            )
        with self.assertRefused(ValidationError, "is that of"):
            Attendance.create(
                {"meeting_id": self.meeting_a.id, "member_id": self.deputy.id,
                 "attendee_role": "assigned_cadre", "assignment_id": self.assignment_cadre.id}
            )

    def test_member_line_only_for_members_of_the_cell(self):
        with self.assertRefused(ValidationError, "is not a member of Chi bộ thôn C"):
            self.env["party.meeting.attendance"].create(
                {"meeting_id": self.meeting_c.id, "member_id": self.member_a1.id}
            )

    def test_cadre_line_needs_an_assignment_in_force_that_day(self):
        before_decision = self.create_meeting(self.cell_a, "2025-12-03")
        with self.assertRefused(ValidationError, "in force on 03/12/2025"):
            self.env["party.meeting.attendance"].create(
                {"meeting_id": before_decision.id, "member_id": self.cadre.id,
                 "attendee_role": "assigned_cadre",
                 "assignment_id": self.assignment_cadre.id}
            )

    def test_attendance_form_fills_the_cadre_from_the_assignment(self):
        with Form(self.meeting_a) as meeting_form:
            with meeting_form.attendance_ids.new() as line:
                line.assignment_id = self.assignment_cadre
                self.assertEqual(line.member_id, self.cadre)
                self.assertEqual(line.attendee_role, "assigned_cadre")
        self.assertEqual(self.meeting_a.attendance_ids.member_id, self.cadre)

    @freeze_time("2026-03-03 21:00:00")
    def test_mark_held_and_counts(self):
        self.member_a2.is_exempt = True
        self.meeting_a.action_load_attendance()
        lines = {line.member_id: line for line in self.meeting_a.attendance_ids}
        with self.assertRefused(UserError, "Still to record: .*Nguyễn Văn Bí"):
            self.meeting_a.action_mark_held()
        lines[self.secretary].action_mark_present()
        lines[self.member_a1].write({"status": "absent_unexcused"})
        lines[self.member_a2].write({"status": "absent_excused", "reason": "Ốm"})
        lines[self.cadre].action_mark_present()
        lines[self.deputy].write({"status": "absent_excused", "reason": "Công việc đột xuất"})
        self.meeting_a.action_mark_held()

        meeting = self.meeting_a
        self.assertEqual(meeting.state, "held")
        # the exempt member is left out of the rates
        self.assertEqual(meeting.member_count, 2)
        self.assertEqual(meeting.present_count, 1)
        self.assertEqual(meeting.unexcused_count, 1)
        self.assertEqual(meeting.excused_count, 0)
        self.assertEqual(meeting.attendance_rate, 50.0)
        self.assertTrue(meeting.cadre_attended)
        with self.assertRefused(UserError, "Only a planned meeting can be marked"):
            meeting.action_mark_held()

    @freeze_time("2026-03-02")
    def test_cannot_mark_held_before_the_day(self):
        with self.assertRefused(UserError, "before that day"):
            self.meeting_a.action_mark_held()

    def test_cadre_attended_needs_a_present_cadre(self):
        self.meeting_a.action_load_attendance()
        self.meeting_a.attendance_ids.filtered(
            lambda line: line.attendee_role == "member"
        ).action_mark_present()
        self.assertFalse(self.meeting_a.cadre_attended)
        self.assertEqual(self.meeting_a.attendance_rate, 100.0)
        self.meeting_a.attendance_ids.filtered(
            lambda line: line.member_id == self.deputy
        ).action_mark_present()
        self.assertTrue(self.meeting_a.cadre_attended)

    @freeze_time("2026-03-04")
    def test_held_meeting_is_kept_and_corrections_are_logged(self):
        self.meeting_a.write({
            "attendance_ids": [
                Command.create({"member_id": self.member_a1.id, "status": "present"}),
                Command.create({"member_id": self.member_a2.id, "status": "absent_unexcused"}),
            ]
        })
        self.meeting_a.action_mark_held()
        with self.assertRefused(UserError, "cannot be deleted"):
            self.meeting_a.unlink()
        line = self.meeting_a.attendance_ids.filtered(
            lambda attendance: attendance.member_id == self.member_a2
        )
        with self.assertRefused(UserError, "correct its status instead"):
            line.unlink()
        line.write({"status": "absent_excused", "reason": "Đi viện"})
        body = self.meeting_a.message_ids[0].body
        self.assertIn("Attendance corrected after the meeting", body)
        self.assertIn("Hoàng Văn Hai", body)
        self.assertIn("Đi viện", body)

    def test_cancel_and_plan_again(self):
        self.meeting_a.action_cancel()
        self.assertEqual(self.meeting_a.state, "cancelled")
        with self.assertRefused(UserError, "Only a planned meeting can be cancelled"):
            self.meeting_a.action_cancel()
        self.meeting_a.action_reset_to_planned()
        self.assertEqual(self.meeting_a.state, "planned")
        with self.assertRefused(UserError, "Only a cancelled meeting"):
            self.meeting_a.action_reset_to_planned()
        # a planned meeting that never happened may be deleted
        self.meeting_a.unlink()
        self.assertFalse(self.meeting_a.exists())

    def test_meeting_with_attendance_stays_in_its_cell(self):
        self.meeting_a.action_load_attendance()
        with self.assertRefused(UserError, "cannot be moved to another cell"):
            self.meeting_a.cell_id = self.cell_b

    def test_state_changes_are_tracked(self):
        meeting = self.meeting_a.with_context(tracking_disable=False)
        # changes to records created in the same transaction are not tracked
        self.env.cr.precommit.clear()
        meeting.action_cancel()
        # tracking messages are written just before the commit
        self.env.cr.precommit.run()
        meeting.invalidate_recordset(["message_ids"])
        tracking = meeting.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "state"
        )
        self.assertEqual(tracking.old_value_char, "Planned")
        self.assertEqual(tracking.new_value_char, "Cancelled")
