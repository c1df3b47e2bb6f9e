from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import load_vietnamese
from .stat_common import PartyStatCase

# the refusal, in the user's language
OUTSIDE = "outside the organizations of your office|không thuộc các tổ chức của văn phòng cấp ủy"

@tagged("post_install", "-at_install")
class TestPrintedReports(PartyStatCase):
    """Each printed report, rendered as HTML, carries the paperwork of the
    Party and its figures."""

    def render(self, xmlid, records, data=None, user=None):
        Report = self.env["ir.actions.report"]
        if user:
            # as in a request: the user's language in the context
            Report = Report.with_user(user).with_context(lang=user.lang)
        html, _kind = Report._render_qweb_html(xmlid, records.ids, data=data)
        return html.decode()

    def assertPaperwork(self, html, committee, date_line, signature):
        self.assertIn("ĐẢNG CỘNG SẢN VIỆT NAM", html)
        self.assertIn(committee, html)
        self.assertIn(date_line, html)
        self.assertIn(signature, html)

    def test_report_form(self):
        html = self.render(
            "party_cell_meeting.action_report_party_meeting_report", self.report_a_cadre
        )
        self.assertPaperwork(
            html, "ĐẢNG BỘ TỈNH THỬ", "day 08 month 03 year 2026", "REPORTING CADRE"
        )
        self.assertIn("Report on attending the cell meeting", html)
        self.assertIn("Trần Văn Cán", html)
        self.assertIn("Chi bộ thôn A", html)
        for proposal in self.proposals:
            self.assertIn(proposal.name, html)
        self.assertIn("Roll Call", html)
        self.assertIn("Due on 10/03/2026; submitted on time, on 08/03/2026.", html)

    def test_late_report_form_says_so(self):
        html = self.render(
            "party_cell_meeting.action_report_party_meeting_report", self.report_a_apr_deputy
        )
        self.assertIn("Due on 10/04/2026; submitted late, on 15/04/2026.", html)

    def test_minutes_list_attendance_by_name_and_reason(self):
        html = self.render(
            "party_cell_meeting.action_report_party_meeting_minutes", self.meeting_a
        )
        self.assertPaperwork(
            html, "CHI BỘ THÔN A", "day 03 month 03 year 2026", "ON BEHALF OF THE CELL"
        )
        self.assertIn("ĐẢNG BỘ PHƯỜNG MỘT", html)
        self.assertIn("Minutes of the cell meeting", html)
        for line in self.meeting_a.attendance_ids:
            self.assertIn(line.member_id.name, html)
        self.assertIn("Đi công tác", html)  # the deputy's reason
        self.assertIn("Absent (Unexcused)", html)
        self.assertIn("Nguyễn Văn Bí", html)  # the secretary signs

    def test_consolidation(self):
        html = self.render(
            "party_cell_meeting.action_report_party_consolidation",
            self.ward_1,
            data={"date_from": "2026-03-01", "date_to": "2026-07-31"},
        )
        self.assertPaperwork(html, "ĐẢNG BỘ PHƯỜNG MỘT", "year", "ON BEHALF OF THE STANDING BOARD")
        self.assertIn("From 01/03/2026 to 31/07/2026", html)
        data = self.env["report.party_cell_meeting.report_party_consolidation"]._consolidate(
            self.ward_1,
            *self.env["report.party_cell_meeting.report_party_consolidation"]._months(
                {"date_from": "2026-03-01", "date_to": "2026-07-31"}
            ),
        )
        totals = data["totals"]
        # cell_a and cell_b, five months; cell_a held March, April and May
        self.assertEqual((data["cell_count"], data["regular_expected"]), (2, 10))
        self.assertEqual(
            (totals["regular_held_count"], totals["cancelled_count"], totals["planned_count"]),
            (3, 1, 1),
        )
        # reports: March cadre on time; April deputy late; May deputy on time, cadre missing
        self.assertEqual(
            (totals["report_due_count"], totals["report_on_time_count"],
             totals["report_late_count"], totals["report_missing_count"]),
            (4, 2, 1, 1),
        )
        self.assertEqual(dict((s, n) for s, _label, n in data["proposal_states"]),
                         {"new": 1, "assigned": 1, "in_progress": 0, "resolved": 1,
                          "rejected": 1})
        self.assertEqual(totals["excellent_count"], 1)
        for label, figure in (("Regular meetings due", 10), ("Regular meetings held", 3),
                              ("Meetings cancelled", 1), ("Reports late", 1),
                              ("Reports missing", 1), ("Excellent", 1)):
            self.assertRegex(html, rf"{label}</td>\s*<td class=\"o_number\">{figure}</td>")
        self.assertIn("Chi bộ thôn A", html)
        self.assertNotIn("Chi bộ thôn C", html)

    def test_year_end_sheet(self):
        self.env["party.cadre.evaluation"]._prepare_year(self.province.ids, "2026")
        html = self.render(
            "party_cell_meeting.action_report_party_cadre_year", self.province,
            data={"year": "2026"},
        )
        self.assertPaperwork(html, "ĐẢNG BỘ TỈNH THỬ", "year", "SECRETARY")
        self.assertIn("Year 2026", html)
        for cadre in (self.cadre, self.deputy, self.cadre_d2):
            self.assertIn(cadre.name, html)
        self.assertRegex(html, r"66[.,]7")  # the cadre's attendance rate
        # Quy định 366-QĐ/TW: the points and what they suggest (evidence only yet)
        self.assertIn("Points", html)
        self.assertRegex(html, r"11[.,]7")
        self.assertIn("Not Completed", html)

    def test_vietnamese_paper_writes_decimals_with_a_comma(self):
        load_vietnamese(self.env)
        self.user_office_province.lang = "vi_VN"
        html = self.render(
            "party_cell_meeting.action_report_party_cadre_year", self.province,
            data={"year": "2026"}, user=self.user_office_province,
        )
        self.assertIn(">66,7<", html)
        self.assertNotIn("66.7", html)

    def test_vietnamese_paper(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["party_cell_meeting"], ["vi_VN"], overwrite=True
        )
        self.user_office_province.lang = "vi_VN"
        html = self.render(
            "party_cell_meeting.action_report_party_meeting_minutes", self.meeting_a,
            user=self.user_office_province,
        )
        self.assertIn("BIÊN BẢN SINH HOẠT CHI BỘ", html.upper())
        self.assertIn("ngày 03 tháng 03 năm 2026", html)
        self.assertIn("T/M CHI BỘ", html)
        self.assertIn("BÍ THƯ", html)
        self.assertIn("ĐẢNG CỘNG SẢN VIỆT NAM", html)

    def test_office_prints_only_its_subtree(self):
        office = self.user_office_ward_1
        self.render(
            "party_cell_meeting.action_report_party_consolidation", self.ward_1,
            data={"date_from": "2026-03-01", "date_to": "2026-03-31"}, user=office,
        )
        with self.assertRefused(AccessError, OUTSIDE):
            self.render(
                "party_cell_meeting.action_report_party_consolidation", self.ward_2,
                data={"date_from": "2026-03-01", "date_to": "2026-03-31"}, user=office,
            )
        with self.assertRefused(AccessError, OUTSIDE):
            self.render(
                "party_cell_meeting.action_report_party_cadre_year", self.province, user=office,
            )
        with self.assertRefused(AccessError, "party.meeting"):
            self.render(
                "party_cell_meeting.action_report_party_meeting_minutes", self.meeting_c,
                user=office,
            )
        with self.assertRefused(AccessError, "party.meeting.report"):
            self.render(
                "party_cell_meeting.action_report_party_meeting_report", self.report_c,
                user=office,
            )

    def test_cadre_prints_their_own_report(self):
        html = self.render(
            "party_cell_meeting.action_report_party_meeting_report", self.report_a_cadre,
            user=self.user_cadre,
        )
        self.assertIn("Trần Văn Cán", html)
        with self.assertRefused(AccessError, "party.meeting.report"):
            self.render(
                "party_cell_meeting.action_report_party_meeting_report",
                self.report_a_apr_deputy, user=self.user_cadre,
            )

    def test_minutes_count_what_their_table_lists(self):
        """The figures above the members' table count its rows: exempt members
        and assigned cadres are listed apart."""
        self.member_a2.is_exempt = True
        html = self.render(
            "party_cell_meeting.action_report_party_meeting_minutes", self.meeting_a
        )
        members_table = html.split('o_party_attendance">', 1)[1].split("</table>", 1)[0]
        present_rows = members_table.count("Present</span>")
        self.assertGreater(present_rows, 0)
        self.assertEqual(present_rows, self.meeting_a.present_count)
        self.assertNotIn(self.deputy.name, members_table)
        self.assertNotIn(self.member_a2.name, members_table)
        self.assertIn("not counted", html)
        cadres_table = html.split('o_party_cadres">', 1)[1].split("</table>", 1)[0]
        self.assertIn(self.deputy.name, cadres_table)
        self.assertIn("Đi công tác", cadres_table)

    def test_consolidation_queries_do_not_grow_with_cells(self):
        """The consolidation reads each of its figures once for all the cells:
        a province costs the queries of a ward."""
        Consolidation = self.env["report.party_cell_meeting.report_party_consolidation"]
        months = Consolidation._months({"date_from": "2026-03-01", "date_to": "2026-07-31"})

        def queries(organization, user):
            report = Consolidation.with_user(user)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            report._consolidate(organization.with_env(report.env), *months)
            return self.env.cr.sql_log_count - before

        # the first call of a user reads its groups and rules, cached after
        queries(self.ward_1, self.user_office_province)
        ward = queries(self.ward_1, self.user_office_province)
        # no more queries for the province's cells (warm caches may save some)
        self.assertLessEqual(queries(self.province, self.user_office_province), ward)
        # the cells, the office's scope, the cells by month (the totals are
        # their sums), the cells counted, the proposals, the cells covered, and
        # what the office's rules and scope read
        self.assertLessEqual(ward, 13)
