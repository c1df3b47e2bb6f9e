import re

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..models.party_numbers import format_quarter, format_time
from .common import load_vietnamese
from .stat_common import PartyStatCase

# the refusal, in the user's language
OUTSIDE = "outside the organizations of your office|không thuộc các tổ chức của văn phòng cấp ủy"

class PartyPrintCase(PartyStatCase):
    def render(self, xmlid, records, data=None, user=None):
        Report = self.env["ir.actions.report"]
        if user:
            # as in a request: the user's language in the context
            Report = Report.with_user(user).with_context(lang=user.lang)
        html, _kind = Report._render_qweb_html(xmlid, records.ids, data=data)
        return html.decode()


@tagged("post_install", "-at_install")
class TestPrintedReports(PartyPrintCase):
    """Each printed report, rendered as HTML, carries the paperwork of the
    Party and its figures."""

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
            html, "ĐẢNG BỘ TỈNH THỬ", "Thử, day 08 month 3 year 2026", "REPORTING CADRE"
        )
        self.assertIn("To: the Standing Board of Tỉnh ủy Thử", html)
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
        self.assertPaperwork(html, "CHI BỘ THÔN A", "Một, day 03 month 3 year 2026", "CHAIR")
        self.assertIn("ĐẢNG BỘ PHƯỜNG MỘT", html)
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
        self.assertPaperwork(html, "ĐẢNG ỦY PHƯỜNG MỘT", "year", "ON BEHALF OF THE STANDING BOARD")
        self.assertIn("summing up the cell meetings from 03/2026 to 07/2026", html)
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
        self.assertPaperwork(html, "TỈNH ỦY THỬ", "year", "SECRETARY")
        self.assertIn("assigned cadres, year 2026", html)
        for cadre in (self.cadre, self.deputy, self.cadre_d2):
            self.assertIn(cadre.name, html)
        self.assertRegex(html, r"66[.,]7")  # the cadre's attendance rate
        # Quy định 366-QĐ/TW: the points and what they suggest (evidence only yet)
        self.assertIn("Points", html)
        self.assertRegex(html, r"11[.,]7")
        self.assertIn("Not Completed", html)

    def test_year_end_sheet_keeps_its_grid_before_the_ratings(self):
        """Before the evaluation is prepared the rating cells are empty, but
        there: a row of the grid has all its 16 cells, borders included."""
        html = self.render(
            "party_cell_meeting.action_report_party_cadre_year", self.province,
            data={"year": "2026"},
        )
        body = html.split('o_party_cadres">', 1)[1].split("<tbody>", 1)[1].split("</tbody>")[0]
        rows = body.split("</tr>")[:-1]
        self.assertTrue(rows)
        for row in rows:
            self.assertEqual(row.count("<td"), 16)

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
        self.assertIn('o_party_title">BIÊN BẢN<', html)
        self.assertIn('o_party_summary">sinh hoạt chi bộ định kỳ tháng 03/2026<', html)
        self.assertIn("Một, ngày 03 tháng 3 năm 2026", html)
        self.assertIn("CHỦ TRÌ", html)
        self.assertIn("THƯ KÝ", html)
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


@tagged("post_install", "-at_install")
class TestPartyDocumentFormat(PartyPrintCase):
    """The printed documents follow the format of Party documents (Hướng dẫn
    36-HD/VPTW, 3/4/2018): the issuing committee under the organization
    above, a star, the number line, the place and date line, the kind of
    document over its summary, the signature of the level that signs, the
    recipients and the page number."""

    STANDING_BOARD = "ON BEHALF OF THE STANDING BOARD"

    def in_vietnamese(self):
        load_vietnamese(self.env)
        self.user_office_province.lang = "vi_VN"
        return self.user_office_province

    def consolidation(self, organization, user=None, date_to="2026-07-31"):
        return self.render(
            "party_cell_meeting.action_report_party_consolidation", organization,
            data={"date_from": "2026-03-01", "date_to": date_to}, user=user,
        )

    def minutes(self, meetings, user=None, data=None):
        return self.render(
            "party_cell_meeting.action_report_party_meeting_minutes", meetings, data=data,
            user=user,
        )

    def cadre_report(self, reports, user=None):
        return self.render(
            "party_cell_meeting.action_report_party_meeting_report", reports, user=user
        )

    def year_sheet(self, organization, data=None):
        return self.render(
            "party_cell_meeting.action_report_party_cadre_year", organization,
            data=dict(data or {}, year="2026"),
        )

    @staticmethod
    def cell_of(html, klass):
        """The inside of the first table cell of class klass."""
        return html.split(f'{klass}">', 1)[1].split("</td>", 1)[0]

    # 1. the issuing body ----------------------------------------------------

    def test_committee_named_from_the_organization_at_each_level(self):
        Organization = self.env["party.organization"]
        cases = [
            ("provincial", "Đảng bộ tỉnh Ninh Bình", "Tỉnh ủy Ninh Bình", "TU", "Ninh Bình"),
            ("provincial", "Đảng bộ thành phố Hà Nội", "Thành ủy Hà Nội", "TU", "Hà Nội"),
            ("district", "Đảng bộ huyện Hoa Lư (trước 7/2025)", "Huyện ủy Hoa Lư", "HU",
             "Hoa Lư"),
            ("district", "Đảng bộ quận Ba Đình", "Quận ủy Ba Đình", "QU", "Ba Đình"),
            ("commune", "Đảng bộ phường Hoa Lư", "Đảng ủy phường Hoa Lư", "ĐU", "Hoa Lư"),
            ("commune", "Đảng bộ xã Gia Viễn", "Đảng ủy xã Gia Viễn", "ĐU", "Gia Viễn"),
            ("commune", "Đảng bộ đặc khu Cô Tô", "Đảng ủy đặc khu Cô Tô", "ĐU", "Cô Tô"),
            ("block", "Đảng bộ các cơ quan Đảng tỉnh", "Đảng ủy các cơ quan Đảng tỉnh", "ĐU",
             False),
            ("grassroots", "Đảng bộ Công ty Điện lực Ninh Bình",
             "Đảng ủy Công ty Điện lực Ninh Bình", "ĐU", False),
            ("branch", "Đảng bộ bộ phận Phân xưởng 1", "Đảng ủy bộ phận Phân xưởng 1", "ĐU",
             False),
            ("cell", "Chi bộ thôn A", "Chi bộ thôn A", "CB", False),
            ("cell", "Thôn Đông", "Chi bộ Thôn Đông", "CB", False),
        ]
        for level, name, committee, symbol, place in cases:
            with self.subTest(name=name):
                organization = Organization.new({"name": name, "level": level})
                self.assertEqual(organization._party_committee_name(), committee)
                self.assertEqual(
                    organization._party_committee_parts(), (committee, symbol, place)
                )
                self.assertEqual(
                    organization._party_paper_header("2026-11-05")["name"], committee.upper()
                )
        province = Organization.new({"name": "Đảng bộ tỉnh Ninh Bình", "level": "provincial"})
        self.assertEqual(province._party_paper_header()["name"], "TỈNH ỦY NINH BÌNH")
        ward = Organization.new(
            {"name": "Đảng bộ phường Hoa Lư", "level": "commune", "parent_id": province.id}
        )
        header = ward._party_paper_header()
        self.assertEqual(
            (header["parent"], header["name"]), ("ĐẢNG BỘ TỈNH NINH BÌNH", "ĐẢNG ỦY PHƯỜNG HOA LƯ")
        )

    def test_issuing_body_under_the_organization_above_with_a_star(self):
        issuer = (
            r'<div class="o_party_parent">{parent}</div>\s*'
            r'<div class="o_party_issuer">{name}</div>\s*<div class="o_party_star">\*</div>'
        )
        html = self.consolidation(self.ward_1)
        self.assertRegex(html, issuer.format(parent="ĐẢNG BỘ TỈNH THỬ", name="ĐẢNG ỦY PHƯỜNG MỘT"))
        self.assertNotIn("ĐẢNG BỘ PHƯỜNG MỘT", html)
        # the province's committee stands alone: the Party's centre is above it
        html = self.year_sheet(self.province)
        self.assertRegex(html, r'<td style="width: 45%;">\s*<div class="o_party_issuer">'
                               r'TỈNH ỦY THỬ</div>\s*<div class="o_party_star">\*</div>')
        self.assertNotIn("ĐẢNG BỘ TỈNH THỬ", html)
        html = self.minutes(self.meeting_a)
        self.assertRegex(html, issuer.format(parent="ĐẢNG BỘ PHƯỜNG MỘT", name="CHI BỘ THÔN A"))

    # 2. the number line -------------------------------------------------------

    def test_number_line_left_blank_for_the_office(self):
        blank = "\u00a0" * 8
        for organization, symbol in (
            (self.province, "TU"), (self.ward_1, "ĐU"), (self.bloc, "ĐU"), (self.cell_a, "CB")
        ):
            with self.subTest(organization=organization.name):
                self.assertIn(
                    f'o_party_number">No. {blank}-BC/{symbol}<', self.consolidation(organization)
                )
        self.assertIn(f'o_party_number">No. {blank}-BB/CB<', self.minutes(self.meeting_a))
        # the cadre's own report is a personal document, which has no number
        self.assertNotIn('class="o_party_number"', self.cadre_report(self.report_a_cadre))
        user = self.in_vietnamese()
        self.assertIn(
            f'o_party_number">Số {blank}-BC/ĐU<', self.consolidation(self.ward_1, user=user)
        )
        self.assertIn(
            f'o_party_number">Số {blank}-BB/CB<', self.minutes(self.meeting_a, user=user)
        )

    # 3. the place and date line ---------------------------------------------

    def test_dateline_pads_only_days_under_10_and_months_1_and_2(self):
        for date, line in (
            ("2026-01-05", "day 05 month 01 year 2026"),
            ("2026-02-28", "day 28 month 02 year 2026"),
            ("2026-03-09", "day 09 month 3 year 2026"),
            ("2026-09-30", "day 30 month 9 year 2026"),
            ("2026-11-05", "day 05 month 11 year 2026"),
            ("2026-12-10", "day 10 month 12 year 2026"),
        ):
            with self.subTest(date=date):
                self.assertEqual(
                    self.ward_1._party_paper_header(date)["place_date"], f"Một, {line}"
                )
        self.in_vietnamese()
        ward = self.ward_1.with_context(lang="vi_VN")
        self.assertEqual(
            ward._party_paper_header("2026-11-05")["place_date"], "Một, ngày 05 tháng 11 năm 2026"
        )
        self.assertEqual(
            ward._party_paper_header("2026-01-05")["place_date"], "Một, ngày 05 tháng 01 năm 2026"
        )
        self.assertEqual(
            ward._party_paper_header("2018-04-03")["place_date"], "Một, ngày 03 tháng 4 năm 2018"
        )

    def test_dateline_place_is_the_issuing_body_s_locality(self):
        # the ward's own name; a cell and a block read the unit above them
        self.assertTrue(self.ward_1._party_paper_header()["place_date"].startswith("Một, "))
        self.assertTrue(self.cell_a._party_paper_header()["place_date"].startswith("Một, "))
        self.assertTrue(self.bloc._party_paper_header()["place_date"].startswith("Thử, "))
        # nothing in the names: the company's city
        self.env.company.city = "Ninh Bình"
        police = self.env["party.organization"].new(
            {"name": "Đảng bộ Công an tỉnh", "level": "block"}
        )
        self.assertTrue(police._party_paper_header()["place_date"].startswith("Ninh Bình, "))
        html = self.minutes(self.meeting_a)
        self.assertIn('o_party_place_date">Một, day 03 month 3 year 2026<', html)
        self.assertRegex(html, r"\.o_party_place_date \{[^}]*font-style: italic")

    # 4. the title -------------------------------------------------------------

    def test_title_is_the_kind_of_document_over_its_summary(self):
        title = (
            r'<div class="o_party_title">{kind}</div>\s*'
            r'<div class="o_party_summary">{summary}</div>'
        )
        html = self.cadre_report(self.report_a_cadre)
        self.assertRegex(html, title.format(
            kind="REPORT", summary="on attending the cell meeting of 03/2026"
        ))
        self.assertRegex(html, r"\.o_party_title \{[^}]*font-weight: bold")
        self.assertNotIn("text-transform", html)
        self.assertRegex(self.minutes(self.meeting_a), title.format(
            kind="MINUTES", summary="of the regular cell meeting of 03/2026"
        ))
        self.assertRegex(self.consolidation(self.ward_1, date_to="2026-03-31"), title.format(
            kind="REPORT", summary="summing up the cell meetings of 03/2026"
        ))
        user = self.in_vietnamese()
        self.assertRegex(self.cadre_report(self.report_a_cadre, user=user), title.format(
            kind="BÁO CÁO", summary="kết quả dự sinh hoạt chi bộ tháng 03/2026"
        ))
        self.assertRegex(self.minutes(self.meeting_a, user=user), title.format(
            kind="BIÊN BẢN", summary="sinh hoạt chi bộ định kỳ tháng 03/2026"
        ))
        self.assertRegex(self.consolidation(self.ward_1, user=user), title.format(
            kind="BÁO CÁO",
            summary="tổng hợp tình hình sinh hoạt chi bộ từ tháng 03/2026 đến tháng 07/2026",
        ))

    # 5. the signature ---------------------------------------------------------

    def test_signature_of_the_level_that_signs(self):
        grassroots = self.env["party.organization"].create(
            {"name": "Đảng bộ Trường THPT Một", "code": "T-CS-THPT", "level": "grassroots",
             "parent_id": self.ward_1.id}
        )
        for organization, behalf in (
            (self.province, self.STANDING_BOARD),
            (self.ward_1, self.STANDING_BOARD),
            (self.bloc, self.STANDING_BOARD),
            (grassroots, "ON BEHALF OF THE PARTY COMMITTEE"),
            (self.cell_a, "ON BEHALF OF THE CELL"),
        ):
            with self.subTest(organization=organization.name):
                block = self.cell_of(self.consolidation(organization), "o_party_signature_block")
                self.assertIn(f'o_party_behalf" style="font-weight: bold;">{behalf}<', block)
                self.assertIn(">SECRETARY<", block)
        block = self.cell_of(self.consolidation(self.cell_a), "o_party_signature_block")
        self.assertIn("Nguyễn Văn Bí", block)
        # the cadre signs their own report as themself
        block = self.cell_of(self.cadre_report(self.report_a_cadre), "o_party_signature_block")
        self.assertNotIn("o_party_behalf", block)
        self.assertIn(">REPORTING CADRE<", block)
        self.assertIn(">Trần Văn Cán<", block)
        # the minutes: the note taker and the chair side by side
        html = self.minutes(self.meeting_a)
        self.assertRegex(
            html,
            r'(?s)<td class="o_party_left_signature">(?:(?!</td>).)*>NOTE TAKER<.*?</td>\s*'
            r'<td class="o_party_signature_block">(?:(?!</td>).)*>CHAIR<'
            r'(?:(?!</td>).)*>Nguyễn Văn Bí<',
            "the note taker on the left, the chair (the cell's secretary) on the right",
        )
        self.assertNotIn("ON BEHALF OF", html)
        user = self.in_vietnamese()
        block = self.cell_of(self.consolidation(grassroots, user=user), "o_party_signature_block")
        self.assertIn(">T/M ĐẢNG ỦY<", block)
        self.assertIn(">BÍ THƯ<", block)
        block = self.cell_of(self.consolidation(self.ward_1, user=user), "o_party_signature_block")
        self.assertIn(">T/M BAN THƯỜNG VỤ<", block)
        block = self.cell_of(self.cadre_report(self.report_a_cadre, user=user),
                             "o_party_signature_block")
        self.assertIn(">NGƯỜI BÁO CÁO<", block)
        html = self.minutes(self.meeting_a, user=user)
        self.assertIn(">CHỦ TRÌ<", self.cell_of(html, "o_party_signature_block"))
        self.assertIn(">THƯ KÝ<", self.cell_of(html, "o_party_left_signature"))

    # 6. the recipients ----------------------------------------------------------

    def test_recipients_at_the_bottom_left_of_reports(self):
        html = self.consolidation(self.ward_1)
        self.assertRegex(
            html, r"\.o_party_recipients_heading \{[^}]*font-weight: bold; font-style: italic"
        )
        recipients = self.cell_of(html, "o_party_recipients_cell")
        self.assertIn('o_party_recipients_heading">Recipients:<', recipients)
        self.assertIn("<div>- the Standing Board of Tỉnh ủy Thử (to report),</div>", recipients)
        self.assertIn("<div>- Filed at the office of Đảng ủy phường Một.</div>", recipients)
        recipients = self.cell_of(self.consolidation(self.cell_a), "o_party_recipients_cell")
        self.assertIn("- the Standing Board of Đảng ủy phường Một (to report),", recipients)
        self.assertIn("- Filed by the cell.", recipients)
        recipients = self.cell_of(self.year_sheet(self.province), "o_party_recipients_cell")
        self.assertIn("- Filed at the office of Tỉnh ủy Thử.", recipients)
        recipients = self.cell_of(
            self.cadre_report(self.report_a_cadre), "o_party_recipients_cell"
        )
        self.assertIn("<div>- As above,</div>", recipients)
        self.assertIn("<div>- Filed.</div>", recipients)
        # the minutes are signed on both sides, sent to no one
        self.assertNotIn("Recipients:", self.minutes(self.meeting_a))
        user = self.in_vietnamese()
        recipients = self.cell_of(
            self.consolidation(self.ward_1, user=user), "o_party_recipients_cell"
        )
        self.assertIn(">Nơi nhận:<", recipients)
        self.assertIn("- Ban Thường vụ Tỉnh ủy Thử (để báo cáo),", recipients)
        self.assertIn("- Lưu Văn phòng Đảng ủy phường Một.", recipients)
        html = self.cadre_report(self.report_a_cadre, user=user)
        self.assertIn("Kính gửi: Ban Thường vụ Tỉnh ủy Thử", html)
        self.assertIn("- Như trên,", self.cell_of(html, "o_party_recipients_cell"))

    # 7. the page number ---------------------------------------------------------

    def test_page_number_in_the_footer_of_each_document(self):
        footer = (
            r'<div class="footer o_party_footer" style="[^"]*text-align: center;[^"]*">\s*'
            r'<span class="page"></span>\s*</div>'
        )
        pdf = {"report_type": "pdf"}
        html = self.minutes(self.meeting_a | self.meeting_a_apr, data=pdf)
        # wkhtmltopdf takes the footers in the order of the documents
        self.assertEqual(len(re.findall(footer, html)), 2)
        self.assertEqual(len(re.findall(footer, self.render(
            "party_cell_meeting.action_report_party_meeting_report", self.report_a_cadre,
            data=pdf,
        ))), 1)
        self.assertEqual(len(re.findall(footer, self.render(
            "party_cell_meeting.action_report_party_consolidation", self.ward_1 | self.ward_2,
            data=dict(pdf, date_from="2026-03-01", date_to="2026-03-31"),
        ))), 2)
        self.assertEqual(len(re.findall(footer, self.year_sheet(self.province, data=pdf))), 1)
        # the HTML preview has no pages to number
        self.assertNotIn("o_party_footer", self.minutes(self.meeting_a))

    # 8. hours and quarters ---------------------------------------------------------

    def test_minutes_write_the_hours_as_vietnamese_does(self):
        meeting = self.create_meeting(
            self.cell_a, "2026-08-05", time_start=19.5, time_end=21.0, location="Nhà văn hóa thôn A"
        )
        html = self.minutes(meeting)
        self.assertIn(
            "Held on 05/08/2026 at 19:30 to 21:00 (90 minutes), at Nhà văn hóa thôn A.", html
        )
        user = self.in_vietnamese()
        html = self.minutes(meeting, user=user)
        self.assertIn(
            "Thời gian: từ 19 giờ 30 đến 21 giờ 00 (90 phút), ngày 05/08/2026. "
            "Địa điểm: Nhà văn hóa thôn A.",
            html,
        )
        self.assertNotIn("19:30", html)
        env_vi = self.env(context=dict(self.env.context, lang="vi_VN"))
        self.assertEqual(format_time(env_vi, 7 + 5 / 60), "7 giờ 05")
        self.assertEqual(format_time(self.env, 7 + 5 / 60), "7:05")
        # the cadre's report: the hours they saw
        self.report_a_may_cadre.write({"time_start": 19.5, "time_end": 21.25})
        html = self.cadre_report(self.report_a_may_cadre, user=user)
        self.assertIn("19 giờ 30 – 21 giờ 15", html)

    def test_quarters_in_roman_numerals(self):
        load_vietnamese(self.env)
        env_vi = self.env(context=dict(self.env.context, lang="vi_VN"))
        self.assertEqual(format_quarter(env_vi, 3, 2026), "quý III/2026")
        self.assertEqual(format_quarter(env_vi, "1", "2026"), "quý I/2026")
        self.assertEqual(format_quarter(self.env, 2, 2026), "quarter II/2026")
        evaluations = self.env["party.cadre.evaluation"]._prepare_period(
            self.province.ids, "2026", "1"
        )
        self.assertTrue(evaluations)
        self.assertIn("quý I/2026", evaluations.with_env(env_vi)[0].display_name)
