import base64
import io

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .stat_common import PartyStatCase

# the refusal, in the user's language
OUTSIDE = "outside the organizations of your office|không thuộc các tổ chức của văn phòng cấp ủy"

@tagged("post_install", "-at_install")
class TestExportXlsx(PartyStatCase):
    """The workbook read back with openpyxl says what the statistics say."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(
            ["party_cell_meeting"], ["vi_VN"], overwrite=True
        )
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
