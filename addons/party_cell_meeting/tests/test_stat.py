from datetime import date

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tests import tagged, users
from odoo.tools.safe_eval import safe_eval

from .stat_common import PartyStatCase

YEAR_2026 = [("date", ">=", "2026-01-01"), ("date", "<=", "2026-12-31")]


@tagged("post_install", "-at_install")
class TestCadreStat(PartyStatCase):
    """party.cadre.stat counts what the attendance lines and the reports say."""

    def direct_counts(self, cadre, committee):
        """The figures of cadre's 2026 under committee, counted on the records."""
        Attendance = self.env["party.meeting.attendance"]
        lines = [
            ("member_id", "=", cadre.id),
            ("attendee_role", "=", "assigned_cadre"),
            ("meeting_id.state", "=", "held"),
            ("assignment_id.issuer_id", "=", committee.id),
            *YEAR_2026,
        ]
        # a deputy owes only the meetings no principal of the cell attended
        principal_present = Attendance.search(
            [("assignment_id.role", "=", "principal"), ("status", "=", "present")]
        ).meeting_id
        lines += [
            "|", "|",
            ("assignment_id.role", "=", "principal"),
            ("status", "=", "present"),
            ("meeting_id", "not in", principal_present.ids),
        ]
        present = Attendance.search(lines + [("status", "=", "present")])
        reports = self.env["party.meeting.report"].search(
            [("cadre_id", "=", cadre.id), ("assignment_id.issuer_id", "=", committee.id),
             ("meeting_id", "in", present.meeting_id.ids)]
        )
        on_time = reports.filtered(
            lambda r: r.date_submitted and r.date_submitted <= r.date_deadline
        )
        late = reports.filtered("is_late")
        return {
            "assigned_count": Attendance.search_count(lines),
            "attended_count": len(present),
            "excused_count": Attendance.search_count(lines + [("status", "=", "absent_excused")]),
            "unexcused_count": Attendance.search_count(
                lines + [("status", "=", "absent_unexcused")]
            ),
            "report_due_count": len(present),
            "report_on_time_count": len(on_time),
            "report_late_count": len(late),
            "report_missing_count": len(present) - len(on_time) - len(late),
        }

    def stat(self, cadre, committee=None):
        self.refresh_views()
        return self.env["party.cadre.stat"].search(
            [("cadre_id", "=", cadre.id), ("year", "=", "2026"),
             ("organization_id", "=", (committee or self.province).id)]
        )

    def test_cross_check_every_row(self):
        self.refresh_views()
        rows = self.env["party.cadre.stat"].search([("year", "=", "2026")])
        self.assertEqual(
            set(rows.mapped(lambda r: (r.cadre_id, r.organization_id))),
            {(self.cadre, self.province), (self.deputy, self.province),
             (self.cadre_d2, self.ward_2)},
        )
        for row in rows:
            expected = self.direct_counts(row.cadre_id, row.organization_id)
            self.assertEqual({name: row[name] for name in expected}, expected, row.cadre_id.name)
            self.assertAlmostEqual(
                row.attendance_rate,
                round(100.0 * expected["attended_count"] / expected["assigned_count"], 1),
            )

    def test_figures_of_the_scenario(self):
        cadre = self.stat(self.cadre)
        self.assertEqual(
            (cadre.assigned_count, cadre.attended_count, cadre.excused_count,
             cadre.unexcused_count),
            (3, 2, 0, 1),
        )
        self.assertEqual(
            (cadre.report_due_count, cadre.report_on_time_count, cadre.report_late_count,
             cadre.report_missing_count),
            (2, 1, 0, 1),
        )
        self.assertAlmostEqual(cadre.attendance_rate, 66.7)
        self.assertAlmostEqual(cadre.report_rate, 50.0)
        # excused in March, when the cadre attended: standing by is no absence
        deputy = self.stat(self.deputy)
        self.assertEqual(
            (deputy.assigned_count, deputy.attended_count, deputy.excused_count,
             deputy.report_on_time_count, deputy.report_late_count, deputy.report_missing_count),
            (2, 2, 0, 1, 1, 0),
        )
        d2 = self.stat(self.cadre_d2, self.ward_2)
        self.assertEqual((d2.assigned_count, d2.report_late_count, d2.report_rate), (1, 1, 0.0))

    def test_cancelled_and_planned_meetings_do_not_count(self):
        before = self.stat(self.cadre).assigned_count
        meeting = self.create_meeting(self.cell_a, "2026-08-03")
        meeting.action_load_attendance()
        meeting.action_cancel()
        self.assertEqual(self.stat(self.cadre).assigned_count, before)

    def test_reopened_report_keeps_its_first_submission(self):
        self.report_a_cadre.with_user(self.user_office_province).action_reopen("Bổ sung số liệu")
        self.assertEqual(self.report_a_cadre.state, "draft")
        self.assertEqual(self.stat(self.cadre).report_on_time_count, 1)

    def test_one_query_for_the_year_of_a_ward(self):
        self.refresh_views()
        Stat = self.env["party.cadre.stat"]
        with self.assertQueryCount(2):  # the parent_path lookup of child_of, the view
            Stat._read_group(
                [("organization_id", "child_of", self.province.id), ("year", "=", "2026")],
                ["cadre_id"], ["assigned_count:sum", "report_missing_count:sum"],
            )

    def test_lines_carry_their_meeting_state_committee_and_role(self):
        """The statistics read the meeting's state and the assignment's
        committee and role stored on each line: they follow the records."""
        meeting = self.create_meeting(self.cell_a, "2026-08-03")
        meeting.action_load_attendance()
        lines = meeting.attendance_ids.filtered("assignment_id")
        self.assertEqual(set(lines.mapped("meeting_state")), {"planned"})
        self.assertEqual(lines.issuer_id, self.province)
        self.assertEqual(
            {(line.member_id, line.assignment_role) for line in lines},
            {(self.cadre, "principal"), (self.deputy, "deputy")},
        )
        meeting.action_cancel()
        self.assertEqual(set(lines.mapped("meeting_state")), {"cancelled"})
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT DISTINCT meeting_state FROM party_meeting_attendance WHERE meeting_id = %s",
            [meeting.id],
        )
        self.assertEqual(self.env.cr.fetchall(), [("cancelled",)])

    @users("party_office_province")
    def test_an_office_reads_its_cadres_in_queries_that_do_not_grow(self):
        """As an office, the rows are those of its committees, read from the
        lines by their stored committee: the same queries for one cadre as
        for many."""
        Stat = self.env["party.cadre.stat"]

        def read():
            self.env.invalidate_all()
            return Stat._read_group(
                [("organization_id", "child_of", self.province.id), ("year", "=", "2026")],
                ["cadre_id"], ["assigned_count:sum", "report_missing_count:sum"],
            )

        self.refresh_views()
        read()
        with self.assertQueryCount(6):
            self.assertEqual(len(read()), 3)
        env = self.env(su=True)
        more = env["party.member"].create(
            [{"name": f"Cán bộ {index}", "organization_id": self.cell_agency.id}
             for index in range(3)]
        )
        env["party.position"].create(
            [{"member_id": cadre.id, "organization_id": self.province.id,
              "role": "committee_member"} for cadre in more]
        )
        env["party.assignment.decision"].create(
            {
                "name": "99-QĐ/TU",
                "organization_id": self.province.id,
                "date": "2026-01-02",
                "date_effective": "2026-01-02",
                "assignment_ids": [
                    Command.create({"cadre_id": cadre.id, "cell_id": self.cell_b.id,
                                    "role": "principal" if cadre == more[0] else "deputy"})
                    for cadre in more
                ],
            }
        ).action_put_in_force()
        self.hold(self.create_meeting(self.cell_b, "2026-09-03").with_env(env), {})
        self.refresh_views()
        read()
        with self.assertQueryCount(6):
            self.assertEqual(len(read()), 6)

    @users("party_office_w1")
    def test_office_reads_the_cadres_its_subtree_assigned(self):
        self.refresh_views()
        rows = self.env["party.cadre.stat"].search([])
        self.assertFalse(rows, "ward 1 assigned no cadre: the province's are not its own")

    @users("party_office_province")
    def test_province_office_reads_all_its_cadres(self):
        self.refresh_views()
        rows = self.env["party.cadre.stat"].search([])
        self.assertEqual(rows.cadre_id, self.cadre | self.deputy | self.cadre_d2)

    @users("party_cadre")
    def test_cadre_reads_only_their_own(self):
        self.refresh_views()
        self.assertEqual(self.env["party.cadre.stat"].search([]).cadre_id, self.cadre)

    @users("party_member", "party_secretary")
    def test_members_and_secretaries_cannot_read_cadre_statistics(self):
        with self.assertRefused(AccessError, "party.cadre.stat"):
            self.env["party.cadre.stat"].search([])


@tagged("post_install", "-at_install")
class TestCellMonthStat(PartyStatCase):
    """party.cell.month.stat counts what the meetings, lines, reports, scores
    and proposals say."""

    def month(self, cell, period):
        self.refresh_views()
        return self.env["party.cell.month.stat"].search(
            [("cell_id", "=", cell.id), ("period", "=", period)]
        )

    def test_cross_check_every_row(self):
        self.refresh_views()
        rows = self.env["party.cell.month.stat"].search([("year", "=", "2026")])
        self.assertEqual(len(rows), 6)  # cell_a March to July, cell_c March
        Meeting = self.env["party.meeting"]
        Attendance = self.env["party.meeting.attendance"]
        Report = self.env["party.meeting.report"]
        Proposal = self.env["party.proposal"]
        for row in rows:
            meetings = [("cell_id", "=", row.cell_id.id), ("period", "=", row.period)]
            held = Meeting.search(meetings + [("state", "=", "held")])
            present_cadres = Attendance.search(
                [("meeting_id", "in", held.ids), ("attendee_role", "=", "assigned_cadre"),
                 ("status", "=", "present")]
            )
            reports = Report.search(
                [("meeting_id", "in", held.ids),
                 ("assignment_id", "in", present_cadres.assignment_id.ids)]
            )
            on_time = reports.filtered(
                lambda r: r.date_submitted and r.date_submitted <= r.date_deadline
            )
            late = reports.filtered("is_late")
            members = Attendance.search(
                [("meeting_id", "in", held.ids), ("attendee_role", "=", "member")]
            )
            proposals = Proposal.search([("meeting_id.cell_id", "=", row.cell_id.id),
                                         ("meeting_id.period", "=", row.period)])
            scores = self.env["party.meeting.score"].search(
                [("meeting_id", "in", held.ids), ("state", "=", "confirmed")]
            )
            expected = {
                "held_count": len(held),
                "regular_held": bool(held.filtered(lambda m: m.kind == "regular")),
                "cancelled_count": Meeting.search_count(meetings + [("state", "=", "cancelled")]),
                "planned_count": Meeting.search_count(meetings + [("state", "=", "planned")]),
                "cadre_attended_count": len(held.filtered("cadre_attended")),
                "member_count": len(members),
                "present_count": len(members.filtered(lambda line: line.status == "present")),
                "report_due_count": len(present_cadres),
                "report_on_time_count": len(on_time),
                "report_late_count": len(late),
                "report_missing_count": len(present_cadres) - len(on_time) - len(late),
                "excellent_count": len(scores.filtered(lambda s: s.classification == "excellent")),
                "proposal_count": len(proposals),
                "proposal_open_count": len(
                    proposals.filtered(lambda p: p.state in ("new", "assigned", "in_progress"))
                ),
                "proposal_resolved_count": len(proposals.filtered(lambda p: p.state == "resolved")),
                "proposal_rejected_count": len(proposals.filtered(lambda p: p.state == "rejected")),
            }
            self.assertEqual(
                {name: row[name] for name in expected}, expected, f"{row.cell_id.name} {row.period}"
            )

    def test_march_of_cell_a(self):
        march = self.month(self.cell_a, "2026-03")
        self.assertTrue(march.regular_held)
        # secretary and member_a1 present, member_a2 absent without reason
        self.assertEqual((march.member_count, march.present_count), (3, 2))
        self.assertAlmostEqual(march.attendance_rate, 66.7)
        self.assertEqual((march.score, march.classification), (95.0, "excellent"))
        self.assertEqual(
            (march.proposal_count, march.proposal_open_count, march.proposal_resolved_count,
             march.proposal_rejected_count),
            (4, 2, 1, 1),
        )

    def test_months_without_a_held_meeting(self):
        june, july = self.month(self.cell_a, "2026-06"), self.month(self.cell_a, "2026-07")
        self.assertFalse(june.regular_held or july.regular_held)
        self.assertEqual((june.cancelled_count, july.planned_count), (1, 1))
        self.assertEqual(june.report_due_count + july.report_due_count, 0)

    def test_may_report_missing(self):
        may = self.month(self.cell_a, "2026-05")
        self.assertEqual(
            (may.report_due_count, may.report_on_time_count, may.report_missing_count), (2, 1, 1)
        )

    @users("party_office_w1")
    def test_office_reads_its_subtree(self):
        self.refresh_views()
        self.assertEqual(self.env["party.cell.month.stat"].search([]).cell_id, self.cell_a)

    @users("party_secretary")
    def test_secretary_reads_their_cell(self):
        self.refresh_views()
        self.assertEqual(self.env["party.cell.month.stat"].search([]).cell_id, self.cell_a)

    @users("party_cadre")
    def test_cadre_reads_the_cells_assigned(self):
        self.refresh_views()
        self.assertEqual(self.env["party.cell.month.stat"].search([]).cell_id, self.cell_a)

    @users("party_member")
    def test_member_cannot_read(self):
        with self.assertRefused(AccessError, "party.cell.month.stat"):
            self.env["party.cell.month.stat"].search([])


@tagged("post_install", "-at_install")
class TestStatOpensOnMonthsHeld(PartyStatCase):
    """The cells-by-month statistics open on this month and last month, and
    a month not yet begun can be left out."""

    def filter_domain(self, name, today):
        arch = etree.fromstring(
            self.env.ref("party_cell_meeting.party_cell_month_stat_view_search").arch_db
        )
        (node,) = arch.xpath(f"//filter[@name='{name}']")
        return safe_eval(
            node.get("domain"),
            {"context_today": lambda: today, "relativedelta": relativedelta},
        )

    def test_this_month_last_month_and_months_begun(self):
        action = self.env.ref("party_cell_meeting.party_cell_month_stat_action")
        context = safe_eval(action.context)
        self.assertTrue(context["search_default_this_month"])
        self.assertTrue(context["search_default_last_month"])
        self.refresh_views()
        Stat = self.env["party.cell.month.stat"]
        today = date(2026, 7, 2)
        opened = Stat.search(
            expression.OR([self.filter_domain("this_month", today),
                           self.filter_domain("last_month", today)])
        )
        self.assertEqual(set(opened.mapped("period")), {"2026-06", "2026-07"})
        begun = Stat.search(self.filter_domain("months_begun", date(2026, 6, 30)))
        self.assertNotIn("2026-07", begun.mapped("period"))
        self.assertIn("2026-06", begun.mapped("period"))
