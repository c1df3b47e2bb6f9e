import io

from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from .stat_common import PartyStatCase


@tagged("post_install", "-at_install")
class TestPrintedPdf(PartyStatCase, HttpCase):
    """One real PDF through wkhtmltopdf, which loads the report's assets
    from Odoo's own HTTP server."""

    def test_minutes_as_pdf(self):
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        self.assertTrue(Report.get_wkhtmltopdf_state() == "ok", "wkhtmltopdf is missing")
        pdf, kind = Report.with_user(self.user_office_ward_1)._render_qweb_pdf(
            "party_cell_meeting.action_report_party_meeting_minutes", self.meeting_a.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        reader = PdfFileReader(io.BytesIO(pdf))
        self.assertGreaterEqual(len(reader.pages), 1)
        # wkhtmltopdf separates the words with tabs
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        self.assertIn("ĐẢNG CỘNG SẢN VIỆT NAM", text)
        self.assertIn("CHI BỘ THÔN A", text)
        self.assertIn("Trần Văn Cán", text)
        self.assertIn("Đi công tác", text)
        # the format of Party documents (HD 36): number line, title, signatures
        self.assertIn("-BB/CB", text)
        self.assertIn("MINUTES of the regular cell meeting of 03/2026", text)
        self.assertIn("NOTE TAKER", text)
        self.assertIn("CHAIR", text)
