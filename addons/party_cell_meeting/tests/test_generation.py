from datetime import date, datetime

from freezegun import freeze_time

from odoo import sql_db
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PartyCellMeetingCase


@tagged("post_install", "-at_install")
class TestMeetingGeneration(PartyCellMeetingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.party_no_meeting_day_ids.unlink()
        cls.cells = cls.cell_a | cls.cell_b | cls.cell_c | cls.cell_agency
        cls.Meeting = cls.env["party.meeting"]

    def generated(self, period):
        return self.Meeting.search([("period", "=", period), ("kind", "=", "regular")])

    def cadre_lines(self, meeting):
        return meeting.attendance_ids.filtered(lambda line: line.attendee_role == "assigned_cadre")

    def test_every_cell_gets_its_meeting_on_the_set_day(self):
        meetings = self.Meeting._generate_regular_meetings("2026-04")
        self.assertEqual(meetings.cell_id, self.cells)
        self.assertEqual(set(meetings.mapped("date")), {date(2026, 4, 3)})
        self.assertEqual(set(meetings.mapped("state")), {"planned"})
        self.assertEqual(self.generated("2026-04"), meetings)

    def test_generated_meeting_matches_what_the_orm_computes(self):
        meeting = self.Meeting._generate_regular_meetings("2026-04").filtered(
            lambda m: m.cell_id == self.cell_a
        )
        self.assertEqual(meeting.period, "2026-04")
        self.assertEqual(meeting.superior_id, self.ward_1)
        self.assertEqual(meeting.company_id, self.cell_a.company_id)
        self.assertEqual(meeting.time_start, 19.5)
        self.assertEqual(meeting.display_name, "Regular meeting 04/2026 – Chi bộ thôn A")
        line = self.cadre_lines(meeting)[:1]
        self.assertEqual(
            (line.cell_id, line.date, line.period, line.company_id, line.status),
            (self.cell_a, date(2026, 4, 3), "2026-04", meeting.company_id, "pending"),
        )
        # the helpers the cadres' statistics read, as the ORM computes them
        self.assertEqual(
            (line.meeting_state, line.issuer_id, line.assignment_role),
            ("planned", line.assignment_id.issuer_id, line.assignment_id.role),
        )
        self.assertTrue(line.issuer_id)
        line.invalidate_recordset()
        stored = line.read(["meeting_state", "issuer_id", "assignment_role"])
        line._fields["issuer_id"].compute_value(line)
        line._fields["meeting_state"].compute_value(line)
        line._fields["assignment_role"].compute_value(line)
        self.assertEqual(stored, line.read(["meeting_state", "issuer_id", "assignment_role"]))
        counts = ["member_count", "present_count", "attendance_rate", "cadre_attended"]
        stored = meeting.read(counts)
        meeting._compute_attendance_counts()
        self.assertEqual(stored, meeting.read(counts))
        # the calendar's span: 19:30 in Vietnam is 12:30 UTC, planned for two hours
        span = (datetime(2026, 4, 3, 12, 30), datetime(2026, 4, 3, 14, 30))
        self.assertEqual((meeting.calendar_start, meeting.calendar_stop), span)
        meeting._compute_calendar_span()
        self.assertEqual((meeting.calendar_start, meeting.calendar_stop), span)
        # the meeting lives on like any other
        meeting.action_load_attendance()
        self.assertEqual(meeting.member_count, 3)

    def test_principal_and_deputy_get_a_line(self):
        meeting = self.Meeting._generate_regular_meetings("2026-04").filtered(
            lambda m: m.cell_id == self.cell_a
        )
        lines = self.cadre_lines(meeting)
        self.assertEqual(lines.member_id, self.cadre | self.deputy)
        self.assertEqual(lines.assignment_id, self.assignment_cadre | self.assignment_deputy)
        self.assertFalse(meeting.attendance_ids - lines, "members are loaded by the secretary")
        others = self.generated("2026-04") - meeting
        self.assertFalse(others.attendance_ids)

    def test_holiday_moves_the_meeting(self):
        # 3 April 2026 is a Friday: the next working day is Monday the 6th
        self.env["party.no.meeting.day"].create({"name": "Giỗ Tổ Hùng Vương", "date": "2026-04-03"})
        meetings = self.Meeting._generate_regular_meetings("2026-04")
        self.assertEqual(set(meetings.mapped("date")), {date(2026, 4, 6)})

    def test_short_month(self):
        self.env.company.party_meeting_day = 31
        meetings = self.Meeting._generate_regular_meetings("2026-02")
        self.assertEqual(set(meetings.mapped("date")), {date(2026, 2, 28)})

    def test_assignments_starting_or_ending_mid_month(self):
        decision = self.new_decision(
            [
                (self.member_b1, self.cell_b, "principal",
                 {"date_start": "2026-04-03", "date_end": "2026-04-03"}),
                (self.member_c1, self.cell_b, "principal", {"date_start": "2026-04-04"}),
                (self.member_a2, self.cell_b, "deputy", {"date_end": "2026-04-02"}),
            ],
            date_effective="2026-03-01",
        )
        decision.action_put_in_force()
        meeting_b = self.Meeting._generate_regular_meetings("2026-04").filtered(
            lambda m: m.cell_id == self.cell_b
        )
        # only the assignment in force on the 3rd counts
        self.assertEqual(self.cadre_lines(meeting_b).member_id, self.member_b1)

    def test_ended_and_draft_assignments_and_archived_cadres(self):
        action = self.decision.action_create_superseding()
        successor = self.env["party.assignment.decision"].browse(action["res_id"])
        successor.write({"name": "141-QĐ/TU", "date_effective": "2026-04-01"})
        successor.assignment_ids.filtered(lambda a: a.role == "deputy").unlink()
        successor.action_put_in_force()
        self.new_decision([(self.member_c1, self.cell_a, "deputy")], date_effective="2026-04-01")
        february, april = (
            self.Meeting._generate_regular_meetings(period).filtered(
                lambda m: m.cell_id == self.cell_a
            )
            for period in ("2026-02", "2026-04")
        )
        # February: the first decision, principal and deputy
        self.assertEqual(self.cadre_lines(february).member_id, self.cadre | self.deputy)
        # April: the successor only, without its deputy; never the draft
        self.assertEqual(self.cadre_lines(april).member_id, self.cadre)
        self.assertEqual(self.cadre_lines(april).assignment_id.decision_id, successor)
        self.cadre.active = False
        may = self.Meeting._generate_regular_meetings("2026-05").filtered(
            lambda m: m.cell_id == self.cell_a
        )
        self.assertFalse(may.attendance_ids)

    def test_running_twice_creates_nothing_more(self):
        first = self.Meeting._generate_regular_meetings("2026-04")
        lines = first.attendance_ids
        second = self.Meeting._generate_regular_meetings("2026-04")
        self.assertFalse(second)
        self.assertEqual(self.generated("2026-04"), first)
        self.assertEqual(self.generated("2026-04").attendance_ids, lines)

    def test_existing_meetings_are_kept(self):
        # meeting_a and meeting_c were planned by hand for March
        meetings = self.Meeting._generate_regular_meetings("2026-03")
        self.assertEqual(meetings.cell_id, self.cell_b | self.cell_agency)
        self.assertEqual(self.generated("2026-03"), meetings | self.meeting_a | self.meeting_c)
        self.assertFalse(self.meeting_a.attendance_ids)

    def test_archived_cells_are_skipped(self):
        self.cell_b.active = False
        meetings = self.Meeting._generate_regular_meetings("2026-04")
        self.assertNotIn(self.cell_b, meetings.cell_id)

    def test_queries_do_not_grow_with_the_cells(self):
        def count_queries(period):
            self.env.flush_all()
            self.env.invalidate_all()
            before = sql_db.sql_counter
            self.Meeting._generate_regular_meetings(period, batch_size=1000)
            return sql_db.sql_counter - before

        small = count_queries("2026-05")
        commune = self.ward_2
        new_cells = self.env["party.organization"].create(
            [
                {"name": f"Chi bộ thêm {number}", "code": f"T-THEM-{number}", "level": "cell",
                 "cell_type": "residential", "parent_id": commune.id}
                for number in range(30)
            ]
        )
        self.new_decision(
            [(self.cadre, cell, "principal") for cell in new_cells], date_effective="2026-01-01"
        ).action_put_in_force()
        # eight times the cells, no more queries (warm caches may save some)
        self.assertLessEqual(count_queries("2026-06"), small)
        self.assertEqual(len(self.generated("2026-06").attendance_ids), 32)

    def test_bad_period_is_refused(self):
        for period in ("2026-13", "2026-4", "04/2026", ""):
            with self.subTest(period=period), self.assertRefused(UserError, "YYYY-MM"):
                self.Meeting._generate_regular_meetings(period)

    @freeze_time("2026-03-28")
    def test_cron_plans_next_month(self):
        self.env.ref("party_cell_meeting.party_meeting_cron_generate").method_direct_trigger()
        self.assertEqual(self.generated("2026-04").cell_id, self.cells)

    @freeze_time("2026-03-28")
    def test_cron_plans_a_batch_a_call_until_none_remain(self):
        """Odoo's cron runner commits each call and calls again while cells
        remain: each call plans the next batch of cells still without their
        meeting."""
        self.Meeting._cron_generate_regular_meetings(batch_size=3)
        self.assertEqual(len(self.generated("2026-04")), 3)
        self.Meeting._cron_generate_regular_meetings(batch_size=3)
        self.assertEqual(self.generated("2026-04").cell_id, self.cells)
        self.Meeting._cron_generate_regular_meetings(batch_size=3)
        self.assertEqual(len(self.generated("2026-04")), 4)
