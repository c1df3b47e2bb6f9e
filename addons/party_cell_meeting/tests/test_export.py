import base64
import io
import xmlrpc.client

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import load_vietnamese
from .stat_common import PartyStatCase

# the refusal, in the user's language
OUTSIDE = "outside the organizations of your office|không thuộc các tổ chức của văn phòng cấp ủy"

@tagged("post_install", "-at_install")
class TestExportXlsx(PartyStatCase):
    """The workbook read back with openpyxl says what the statistics say."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)
        cls.user_office_province.lang = "vi_VN"

    def export(self, organization, user=None, date_from="2026-03-01", date_to="2026-07-31"):
        user = user or self.user_office_province
        # as in a request: the user's language in the context
        Wizard = self.env["party.report.export.wizard"].with_user(user).with_context(
            lang=user.lang
        )
        wizard = Wizard.create(
            {"organization_id": organization.id, "date_from": date_from, "date_to": date_to}
        )
        action = wizard.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(
            f"/web/content/party.report.export.wizard/{wizard.id}/file_data/", action["url"]
        )
        self.assertTrue(wizard.file_name.endswith(".xlsx"))
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))

    def test_cells_by_month_match_the_statistics(self):
        book = self.export(self.province)
        sheet = book.worksheets[0]
        self.assertEqual(sheet.title, "Chi bộ theo tháng")
        headers = [cell.value for cell in sheet[1]]
        self.assertEqual(headers[:4], ["Tháng", "Cấp ủy cấp trên", "Mã chi bộ", "Chi bộ"])
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertTrue(sheet.auto_filter.ref.startswith("A1:"))
        self.refresh_views()
        stats = self.env["party.cell.month.stat"].search(
            [("date", ">=", "2026-03-01"), ("date", "<=", "2026-07-31")]
        )
        rows = {
            (row[0], row[2]): dict(zip(headers, row, strict=True))
            for row in sheet.iter_rows(min_row=2, values_only=True)
        }
        self.assertEqual(len(rows), len(stats))
        for stat in stats:
            row = rows[(stat.month_label, stat.cell_id.code)]
            self.assertEqual(row["Chi bộ"], stat.cell_id.name)
            self.assertEqual(row["Đã sinh hoạt định kỳ"], "Có" if stat.regular_held else "Không")
            self.assertEqual(row["Báo cáo đúng hạn"], stat.report_on_time_count)
            self.assertEqual(row["Báo cáo nộp muộn"], stat.report_late_count)
            self.assertEqual(row["Báo cáo chưa nộp"], stat.report_missing_count)
            self.assertEqual(row["Kiến nghị đã giải quyết"], stat.proposal_resolved_count)
            self.assertAlmostEqual(row["Tỷ lệ dự sinh hoạt (%)"], stat.attendance_rate)
        self.assertEqual(rows[("03/2026", "T-CB-A")]["Xếp loại"], "Tốt")

    def test_cadres_match_the_statistics(self):
        sheet = self.export(self.province).worksheets[1]
        headers = [cell.value for cell in sheet[1]]
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertIn("Cán bộ", headers)
        rows = {row[2]: dict(zip(headers, row, strict=True))
                for row in sheet.iter_rows(min_row=2, values_only=True)}
        self.refresh_views()
        for stat in self.env["party.cadre.stat"].search([("year", "=", "2026")]):
            row = rows[stat.cadre_id.name]
            self.assertEqual(row["Số buổi được phân công"], stat.assigned_count)
            self.assertEqual(row["Vắng không lý do"], stat.unexcused_count)
            self.assertEqual(row["Báo cáo chưa nộp"], stat.report_missing_count)
            self.assertAlmostEqual(row["Tỷ lệ báo cáo đúng hạn (%)"], stat.report_rate)

    def test_text_never_becomes_a_formula(self):
        self.cell_a.name = '=HYPERLINK("http://example.com","x")'
        self.cadre.name = "=1+1"
        book = self.export(self.province)
        cells = [cell for row in book.worksheets[0].iter_rows(min_row=2) for cell in row]
        cells += [cell for row in book.worksheets[1].iter_rows(min_row=2) for cell in row]
        self.assertFalse([cell.coordinate for cell in cells if cell.data_type == "f"])
        values = {cell.value for cell in cells}
        self.assertIn('=HYPERLINK("http://example.com","x")', values)
        self.assertIn("=1+1", values)
        numbers = [cell for cell in cells if isinstance(cell.value, int | float)]
        self.assertTrue(numbers and all(cell.data_type == "n" for cell in numbers))

    def test_office_exports_only_its_subtree(self):
        book = self.export(self.ward_1, user=self.user_office_ward_1)
        codes = {row[2] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(codes, {"T-CB-A"})
        with self.assertRefused(AccessError, OUTSIDE):
            self.export(self.ward_2, user=self.user_office_ward_1)

    def test_every_cell_is_what_the_orm_reads(self):
        """The rows streamed by SQL are the records the ORM reads, column by
        column: names and codes of the cells and committees, labels, numbers."""
        book = self.export(self.province)
        self.refresh_views()
        Stat = self.env["party.cell.month.stat"].with_user(self.user_office_province)
        Stat = Stat.with_context(lang="vi_VN")
        classes = dict(Stat._fields["classification"]._description_selection(Stat.env))
        expected = [
            (stat.month_label, stat.superior_id.name, stat.cell_id.code, stat.cell_id.name,
             "Có" if stat.regular_held else "Không", stat.held_count, stat.cancelled_count,
             stat.too_short_count, stat.member_count, stat.present_count,
             stat.attendance_rate, stat.cadre_attended_count, stat.report_due_count,
             stat.report_on_time_count, stat.report_late_count, stat.report_missing_count,
             stat.score if stat.classification else None,
             classes.get(stat.classification) or None, stat.proposal_count,
             stat.proposal_open_count, stat.proposal_resolved_count,
             stat.proposal_rejected_count)
            for stat in Stat.search(
                [("period", ">=", "2026-03"), ("period", "<=", "2026-07")],
                order="period, superior_id, cell_id",
            )
        ]
        rows = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
        self.assertTrue(expected)
        self.assertEqual(rows, expected)

    def test_the_rows_are_read_in_a_constant_number_of_queries(self):
        """One query per sheet and its batches, whatever the rows: the
        figures, names and labels are not looked up row by row."""
        wizard = self.env["party.report.export.wizard"].with_user(
            self.user_office_province
        ).create({"organization_id": self.province.id, "date_from": "2026-03-01",
                  "date_to": "2026-07-31"})
        wizard._xlsx_content()
        self.env.invalidate_all()
        with self.assertQueryCount(29):
            wizard._xlsx_content()

    def test_the_action_marshals_over_xml_rpc(self):
        wizard = self.env["party.report.export.wizard"].with_user(
            self.user_office_province
        ).create({"organization_id": self.province.id})
        xmlrpc.client.dumps((wizard.action_export_xlsx(),), methodresponse=True)


@tagged("post_install", "-at_install")
class TestExportInBackground(PartyStatCase):
    """Above the threshold of rows the workbook is prepared by a cron and
    sent to the user who asked for it, and to no one else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)
        cls.user_office_ward_1.lang = "vi_VN"
        # every export is large
        cls.env["ir.config_parameter"].set_param("party_cell_meeting.xlsx_background_rows", "1")
        cls.Export = cls.env["party.report.export"]

    def ask(self, user=None, organization=None):
        user = user or self.user_office_ward_1
        wizard = self.env["party.report.export.wizard"].with_user(user).with_context(
            lang=user.lang
        ).create({"organization_id": (organization or self.ward_1).id,
                  "date_from": "2026-03-01", "date_to": "2026-07-31"})
        return wizard.action_export_xlsx()

    def test_a_large_export_is_prepared_by_the_cron_once(self):
        cron = self.env.ref("party_cell_meeting.party_report_export_cron")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        action = self.ask()
        # what the client receives marshals over XML-RPC: no records, no dates
        xmlrpc.client.dumps((action,), methodresponse=True)
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn(self.ward_1.name, action["params"]["message"])
        self.assertIn("chế độ nền", action["params"]["message"])
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers
        )
        request = self.Export.search([("user_id", "=", self.user_office_ward_1.id)])
        self.assertEqual(request.state, "queued")
        self.assertFalse(request.attachment_id)
        # asked again while it waits: the same request
        self.ask()
        self.assertEqual(self.Export.search([("user_id", "=", self.user_office_ward_1.id)]),
                         request)

        # the cron as Odoo runs it: its code, its user, its progress
        cron.method_direct_trigger()
        progress = self.env["ir.cron.progress"].search(
            [("cron_id", "=", cron.id)], order="id desc", limit=1
        )
        self.assertEqual((progress.done, progress.remaining), (1, 0))
        self.assertEqual(request.state, "done")
        book = openpyxl.load_workbook(io.BytesIO(request.attachment_id.raw))
        # written as the requester: their language, their cells only
        self.assertEqual(book.worksheets[0].title, "Chi bộ theo tháng")
        codes = {row[2] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(codes, {"T-CB-A"})
        message = self.env["mail.message"].search(
            [("model", "=", "party.report.export"), ("res_id", "=", request.id)]
        )
        self.assertEqual(message.partner_ids, self.user_office_ward_1.partner_id)
        self.assertEqual(message.attachment_ids, request.attachment_id)
        self.assertIn(f"/web/content/{request.attachment_id.id}", message.body)

        # run again: nothing is prepared twice
        cron.method_direct_trigger()
        self.assertEqual(self.Export._cron_build_exports(), 0)
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", "party.report.export"), ("res_id", "=", request.id)]
            ),
            1,
        )
        mine = request.with_user(self.user_office_ward_1)
        self.assertEqual(mine.action_download()["url"],
                         f"/web/content/{request.attachment_id.id}?download=true")
        self.assertTrue(mine.attachment_id.with_user(self.user_office_ward_1).raw)

    def test_a_phone_lists_the_exports_as_cards_with_their_download(self):
        """The list's columns run off a phone's screen: the action offers a
        kanban, which Odoo shows on small screens, with the download."""
        action = self.env.ref("party_cell_meeting.party_report_export_action")
        self.assertIn("kanban", action.view_mode.split(","))
        self.assertEqual(action.mobile_view_mode, "kanban")
        arch = self.env["party.report.export"].get_view(view_type="kanban")["arch"]
        self.assertIn('name="action_download"', arch)

    def test_another_user_reads_neither_the_request_nor_its_file(self):
        self.ask()
        self.Export._cron_build_exports()
        request = self.Export.search([("user_id", "=", self.user_office_ward_1.id)])
        for other in (self.user_office_province, self.user_manager):
            with self.subTest(user=other.login):
                self.assertFalse(self.Export.with_user(other).search([]))
                with self.assertRaises(AccessError):
                    request.with_user(other).read(["name", "attachment_id"])
                with self.assertRaises(AccessError):
                    request.attachment_id.with_user(other).read(["raw"])

    def test_the_request_is_written_by_the_system_only(self):
        self.ask()
        request = self.Export.search([("user_id", "=", self.user_office_ward_1.id)])
        mine = request.with_user(self.user_office_ward_1)
        for vals in ({"state": "done"}, {"user_id": self.user_office_province.id},
                     {"date_to": "2026-12-31"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                mine.write(vals)
        # the system's fields are refused (UserError), or the creation (AccessError)
        with self.assertRaises(UserError):
            self.Export.with_user(self.user_office_ward_1).create(
                {"name": "x.xlsx", "organization_id": self.province.id,
                 "date_from": "2026-01-01", "date_to": "2026-12-31"}
            )

    @mute_logger("odoo.addons.party_cell_meeting.models.party_report_export")
    def test_a_requester_out_of_scope_by_then_is_told_why(self):
        """The rights are the requester's when the workbook is written: an
        office moved to another ward meanwhile gets no figures of the first."""
        self.ask()
        request = self.Export.search([("user_id", "=", self.user_office_ward_1.id)])
        self.user_office_ward_1.party_organization_ids = self.ward_2
        self.Export._cron_build_exports()
        self.assertEqual(request.state, "failed")
        self.assertFalse(request.attachment_id)
        self.assertRegex(request.error, OUTSIDE)
        self.assertEqual(self.Export._cron_build_exports(), 0)
        self.assertEqual(request.state, "failed")
