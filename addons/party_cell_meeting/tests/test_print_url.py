import json
from urllib.parse import quote

from odoo.tests import HttpCase, tagged

from .stat_common import PartyStatCase


@tagged("post_install", "-at_install")
class TestPrintFromTheWizard(PartyStatCase, HttpCase):
    """The wizard's reports as the web client prints them: when the action
    carries data, the client leaves the ids out of the URL and sends them in
    the context (web/static/src/webclient/actions/reports/utils.js)."""

    def client_url(self, action, kind="html"):
        url = f"/report/{kind}/{action['report_name']}"
        if action.get("data"):
            return (
                f"{url}?options={quote(json.dumps(action['data']))}"
                f"&context={quote(json.dumps(action.get('context') or {}))}"
            )
        return f"{url}/{','.join(map(str, action['context']['active_ids']))}"

    def wizard(self, organization):
        return self.env["party.report.export.wizard"].with_user(self.user_office_province).create(
            {"organization_id": organization.id, "date_from": "2026-03-01",
             "date_to": "2026-07-31"}
        )

    def test_the_monthly_consolidation_is_not_blank(self):
        action = self.wizard(self.ward_1).action_print_consolidation()
        self.assertTrue(action["data"], "the case this test is about: data in the action")
        self.authenticate("party_office_province", "party_office_province")
        response = self.url_open(self.client_url(action))
        self.assertEqual(response.status_code, 200)
        self.assertIn("ĐẢNG ỦY PHƯỜNG MỘT", response.text)
        self.assertIn("Chi bộ thôn A", response.text)

    def test_the_year_end_sheet_is_not_blank(self):
        self.env["party.cadre.evaluation"]._prepare_year(self.province.ids, "2026")
        # the province assigned the cadre
        action = self.wizard(self.province).action_print_cadre_year()
        self.authenticate("party_office_province", "party_office_province")
        response = self.url_open(self.client_url(action))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Trần Văn Cán", response.text)
