from datetime import date

from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from . import test_views
from .common_report import PartyReportCase


@tagged("post_install", "-at_install")
class TestReportViewsPerRole(PartyReportCase):
    """The report and proposal actions open for the roles whose menus show
    them, with the records each role may see."""

    def open_action(self, user, xmlid):
        return test_views.TestViewsPerRole.open_action(self, user, xmlid)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-03-05"):
            cls.meeting_a.action_mark_held()
            cls.report = cls.meeting_a.report_ids
            cls.proposal = cls.env["party.proposal"].create(
                {
                    "name": "Sửa đường thôn A",
                    "description": "Đường bê tông thôn A dài 500 m bị hư hỏng nặng.",
                    "report_id": cls.report.id,
                    "authority_id": cls.authority_commune.id,
                }
            )
            cls.proposal.action_assign()

    def ids(self, records):
        return [record["id"] for record in records]

    def test_cadre_opens_my_reports(self):
        self.assertEqual(
            self.ids(self.open_action(self.user_cadre,
                                      "party_cell_meeting.party_meeting_report_action_mine")),
            self.report.ids,
        )
        self.assertEqual(
            self.ids(self.open_action(self.user_cadre, "party_cell_meeting.party_proposal_action")),
            self.proposal.ids,
        )

    def test_resolver_opens_proposals_to_resolve(self):
        self.assertEqual(
            self.ids(self.open_action(self.user_resolver,
                                      "party_cell_meeting.party_proposal_action_to_resolve")),
            self.proposal.ids,
        )
        self.assertFalse(
            self.open_action(self.user_resolver_2,
                             "party_cell_meeting.party_proposal_action_to_resolve")
        )

    def test_office_opens_reports_and_consolidation(self):
        for xmlid in (
            "party_cell_meeting.party_meeting_report_action",
            "party_cell_meeting.party_proposal_action",
            "party_cell_meeting.party_proposal_action_consolidation",
        ):
            with self.subTest(action=xmlid):
                self.assertEqual(
                    len(self.open_action(self.user_office_ward_1, xmlid)), 1
                )
        # the consolidation groups the month's proposals per ward and state
        groups = self.env["party.proposal"].with_user(self.user_office_province).read_group(
            [], ["__count"], ["superior_id", "state"], lazy=False
        )
        self.assertEqual(
            [(group["superior_id"][0], group["state"], group["__count"]) for group in groups],
            [(self.ward_1.id, "assigned", 1)],
        )

    def test_late_filter_of_my_reports(self):
        """The Late filter takes reports submitted late and drafts past due."""
        search = self.env["party.meeting.report"].with_user(self.user_cadre).get_views(
            [(False, "search")]
        )["views"]["search"]["arch"]
        source = etree.fromstring(search).xpath("//filter[@name='late']")[0].get("domain")
        Report = self.env["party.meeting.report"].with_user(self.user_cadre)
        for today, expected in ((date(2026, 3, 10), Report), (date(2026, 3, 11), self.report)):
            domain = safe_eval(source, {"context_today": lambda today=today: today})
            self.assertEqual(Report.search(domain), expected)
