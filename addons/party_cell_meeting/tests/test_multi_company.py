from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import PartyCellMeetingCase


@tagged("post_install", "-at_install")
class TestMultiCompany(PartyCellMeetingCase):
    """The party records of one company stay in that company, even for an
    administrator of the addon working in another one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Tỉnh ủy Bê"})
        cls.province_b = cls.env["party.organization"].create(
            {"name": "Đảng bộ tỉnh Bê", "code": "B-TU", "level": "provincial",
             "company_id": cls.company_b.id}
        )
        cls.commune_b = cls.env["party.organization"].create(
            {"name": "Đảng bộ xã Bê", "code": "B-X1", "level": "grassroots",
             "parent_id": cls.province_b.id, "company_id": cls.company_b.id}
        )
        cls.cell_b_company = cls.env["party.organization"].create(
            {"name": "Chi bộ thôn Bê", "code": "B-CB1", "level": "cell",
             "cell_type": "residential", "parent_id": cls.commune_b.id,
             "company_id": cls.company_b.id}
        )
        cls.meeting_b_company = cls.create_meeting(cls.cell_b_company, "2026-03-03")
        cls.manager_b = mail_new_test_user(
            cls.env,
            login="party_manager_b",
            groups="party_cell_meeting.group_party_manager",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )

    def test_each_company_sees_its_own(self):
        Meeting = self.env["party.meeting"]
        organizations_b = self.province_b | self.commune_b | self.cell_b_company
        self.assertEqual(
            self.env["party.organization"].with_user(self.manager_b).search([]),
            organizations_b,
        )
        self.assertEqual(Meeting.with_user(self.manager_b).search([]), self.meeting_b_company)
        self.assertNotIn(self.meeting_b_company, Meeting.with_user(self.user_manager).search([]))
        with self.assertRaises(AccessError):
            self.meeting_a.with_user(self.manager_b).read(["date"])

    def test_a_user_of_both_companies_sees_the_companies_they_work_in(self):
        self.user_manager.company_ids = [Command.link(self.company_b.id)]
        Meeting = self.env["party.meeting"].with_user(self.user_manager)
        # the companies ticked in the company switcher
        only_a = Meeting.with_context(allowed_company_ids=[self.env.company.id]).search([])
        self.assertNotIn(self.meeting_b_company, only_a)
        both = Meeting.with_context(
            allowed_company_ids=[self.env.company.id, self.company_b.id]
        ).search([])
        self.assertIn(self.meeting_b_company, both)
        self.assertIn(self.meeting_a, both)
