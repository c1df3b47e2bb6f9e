from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import load_vietnamese
from .common_report import PartyReportCase


@tagged("post_install", "-at_install")
class TestRoleTours(PartyReportCase, HttpCase):
    """A ward office's day on a desktop, walked in Vietnamese in headless
    Chromium; a tour fails on any error dialog. The cadre's, the secretary's
    and the resolver's days have their own tours (test_tour,
    test_integrity_tour, test_rules_2025)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)
        cls.user_office_ward_1.lang = "vi_VN"
        cls.meeting_a.action_mark_held()
        # the cell meets today: this month has its row
        cls.create_meeting(cls.cell_a, fields.Date.today())

    def test_a_ward_office_starts_its_month_on_a_desktop(self):
        self.browser_size = "1440x900"
        self.start_tour(
            "/odoo/action-party_cell_meeting.party_cell_month_stat_action",
            "party_office_month_tour",
            login="party_office_w1",
        )
        self.assertTrue(self.meeting_a.report_ids.filtered("is_overdue"))
