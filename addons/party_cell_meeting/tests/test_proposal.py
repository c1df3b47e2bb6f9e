from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_report import PartyReportCase

RESOLVE = "party_cell_meeting.mail_activity_party_proposal_resolve"
OVERDUE = "party_cell_meeting.mail_activity_party_proposal_overdue"


@tagged("post_install", "-at_install")
class TestProposal(PartyReportCase):
    def activities(self, proposals, xmlid):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "party.proposal"),
                ("res_id", "in", proposals.ids),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
            ]
        )

    @freeze_time("2026-03-05")
    def test_assign_needs_an_authority_and_a_concrete_description(self):
        no_authority = self.new_proposal(authority=self.env["party.authority"])
        with self.assertRefused(UserError, "does not say who must act"):
            no_authority.action_assign()
        vague = self.new_proposal(description="Sửa đường")
        with self.assertRefused(UserError, "not concrete enough"):
            vague.action_assign()
        self.assertEqual((no_authority | vague).mapped("state"), ["new", "new"])

    @freeze_time("2026-03-05")
    def test_deadline_from_the_authority_or_the_company(self):
        self.env.company.party_proposal_days = 20
        by_company = self.new_proposal()
        by_authority = self.new_proposal(authority=self.authority_department)
        (by_company | by_authority).action_assign()
        self.assertEqual(by_company.date_deadline, date(2026, 3, 25))
        self.assertEqual(by_authority.date_deadline, date(2026, 3, 20))
        self.assertEqual(by_company.state, "assigned")
        self.assertEqual(by_company.date_assigned, date(2026, 3, 5))
        # the users answering for the authority get a to-do
        todo = self.activities(by_company, RESOLVE)
        self.assertEqual(todo.user_id, self.user_resolver)
        self.assertEqual(todo.date_deadline, date(2026, 3, 25))

    @freeze_time("2026-03-05")
    def test_resolve_needs_an_answer_and_reject_a_reason(self):
        proposal = self.new_proposal()
        with self.assertRefused(UserError, "must be assigned"):
            proposal.action_resolve()
        proposal.action_assign()
        resolver_view = proposal.with_user(self.user_resolver)
        resolver_view.action_start()
        self.assertEqual(proposal.state, "in_progress")
        with self.assertRefused(UserError, "Write how proposal .* was resolved"):
            resolver_view.action_resolve()
        with self.assertRefused(UserError, "Give the reason for rejecting"):
            resolver_view.action_reject()
        # a resolver of another authority cannot answer it
        proposal.resolution = "Đã sửa xong"
        with self.assertRaises(AccessError):
            proposal.with_user(self.user_resolver_2).action_resolve()
        resolver_view.action_resolve()
        self.assertEqual(proposal.state, "resolved")
        self.assertEqual(proposal.date_resolved, date(2026, 3, 5))
        self.assertFalse(
            self.activities(proposal, RESOLVE),
            "the to-do is done once the proposal is answered",
        )
        rejected = self.new_proposal(name="Làm sân bóng")
        rejected.action_assign()
        rejected.with_user(self.user_resolver).resolution = "Ngoài quy hoạch của xã"
        rejected.with_user(self.user_resolver).action_reject()
        self.assertEqual(rejected.state, "rejected")
        with self.assertRefused(UserError, "must be assigned"):
            rejected.action_resolve()

    @freeze_time("2026-03-05")
    def test_transfer_keeps_the_history(self):
        proposal = self.new_proposal()
        proposal.action_assign()
        with self.assertRefused(UserError, "Use Transfer"):
            proposal.authority_id = self.authority_department
        with self.assertRefused(UserError, "Say why"):
            proposal.with_user(self.user_resolver).action_transfer(self.authority_department, "")
        wizard = self.env["party.proposal.transfer.wizard"].with_user(self.user_resolver).create(
            {
                "proposal_ids": [Command.set(proposal.ids)],
                "authority_id": self.authority_department.id,
                "reason": "Đường tỉnh lộ do Sở quản lý",
            }
        )
        with freeze_time("2026-03-06"):
            wizard.action_confirm()
        self.assertEqual(proposal.authority_id, self.authority_department)
        self.assertEqual(proposal.state, "assigned")
        self.assertEqual(proposal.date_deadline, date(2026, 3, 21))
        transfer = proposal.transfer_ids
        self.assertEqual(len(transfer), 1)
        self.assertEqual(transfer.from_authority_id, self.authority_commune)
        self.assertEqual(transfer.to_authority_id, self.authority_department)
        self.assertEqual(transfer.user_id, self.user_resolver)
        self.assertEqual(transfer.reason, "Đường tỉnh lộ do Sở quản lý")
        self.assertEqual(
            self.activities(proposal, RESOLVE)
            .user_id,
            self.user_resolver_2,
        )
        # the former authority no longer sees it; the new one does
        with self.assertRaises(AccessError):
            proposal.with_user(self.user_resolver).read(["name"])
        self.assertEqual(
            self.env["party.proposal.transfer"].with_user(self.user_resolver_2).search([]),
            transfer,
        )
        # a resolver cannot transfer what is not theirs
        with self.assertRaises(AccessError):
            proposal.with_user(self.user_resolver).action_transfer(self.authority_commune, "x")

    def test_overdue_flag_and_escalation(self):
        with freeze_time("2026-03-05"):
            proposal = self.new_proposal()
            proposal.action_assign()
            answered = self.new_proposal(name="Đã trả lời")
            answered.action_assign()
            answered.resolution = "Đã giải quyết"
            answered.action_resolve()
        self.assertEqual(proposal.date_deadline, date(2026, 4, 4))
        Proposal = self.env["party.proposal"]
        with freeze_time("2026-04-04"):
            self.assertEqual(Proposal._cron_flag_overdue(), 0)
        self.assertFalse(proposal.is_overdue)
        with freeze_time("2026-04-05"):
            self.assertEqual(Proposal._cron_flag_overdue(), 1)
            # safe to run twice: nothing more is flagged or escalated
            self.assertEqual(Proposal._cron_flag_overdue(), 0)
        self.assertTrue(proposal.is_overdue)
        self.assertFalse(answered.is_overdue)
        self.assertEqual(Proposal.search([("is_overdue", "=", True)]), proposal)
        escalation = self.activities(
            proposal, OVERDUE
        )
        # the authority's users and the office above the authority (ward 1)
        self.assertEqual(escalation.user_id, self.user_resolver | self.user_office_ward_1)
        # answering clears the flag and closes the escalation
        proposal.resolution = "Đã sửa xong"
        proposal.with_user(self.user_resolver).action_resolve()
        self.assertFalse(proposal.is_overdue)
        self.assertFalse(
            self.activities(proposal, OVERDUE)
        )

    def test_overdue_cron_works_in_batches(self):
        with freeze_time("2026-03-05"):
            proposals = self.env["party.proposal"]
            for index in range(3):
                proposals |= self.new_proposal(name=f"Kiến nghị {index}")
            proposals.action_assign()
            self.env.flush_all()
        with freeze_time("2026-05-01"):
            # a batch a call: the cron runner calls again while some remain
            Proposal = self.env["party.proposal"]
            self.assertEqual(Proposal._cron_flag_overdue(batch_size=2), 2)
            self.assertEqual(Proposal._cron_flag_overdue(batch_size=2), 1)
            self.assertEqual(Proposal._cron_flag_overdue(batch_size=2), 0)
        self.assertEqual(set(proposals.mapped("is_overdue")), {True})
        self.assertEqual(
            len(self.activities(proposals, OVERDUE)),
            6,
        )

    def test_answers_carried_back_to_the_next_meeting(self):
        with freeze_time("2026-03-05"):
            resolved = self.new_proposal(name="Sửa đường")
            rejected = self.new_proposal(name="Làm sân bóng")
            still_open = self.new_proposal(name="Lắp đèn")
            (resolved | rejected | still_open).action_assign()
        with freeze_time("2026-03-20"):
            resolved.resolution = "Đã sửa xong"
            resolved.action_resolve()
            rejected.resolution = "Ngoài quy hoạch"
            rejected.action_reject()
        april = self.create_meeting(self.cell_a, "2026-04-03")
        may = self.create_meeting(self.cell_a, "2026-05-03")
        other_cell = self.create_meeting(self.cell_c, "2026-04-03")
        # create() caches x2many fields empty: read them as a later request would
        self.env.invalidate_all()
        self.assertEqual(april.answer_proposal_ids, resolved | rejected)
        self.assertFalse(may.answer_proposal_ids)
        self.assertFalse(self.meeting_a.answer_proposal_ids)
        self.assertFalse(other_cell.answer_proposal_ids)
        # reported back as the secretary sees the meeting
        self.assertEqual(
            april.with_user(self.user_secretary).answer_proposal_ids, resolved | rejected
        )


@tagged("post_install", "-at_install")
class TestProposalFromReport(PartyReportCase):
    @freeze_time("2026-03-05")
    def test_cadre_files_a_proposal_with_the_report(self):
        report = self.hold_meeting_a().with_user(self.user_cadre)
        report.write(
            {
                "proposal_ids": [
                    Command.create(
                        {
                            "name": "Sửa đường thôn A",
                            "description": "Đường bê tông thôn A dài 500 m bị hư hỏng nặng.",
                            "authority_id": self.authority_commune.id,
                            "category": "infrastructure",
                        }
                    )
                ]
            }
        )
        proposal = report.proposal_ids
        self.assertEqual(proposal.meeting_id, self.meeting_a)
        self.assertEqual(proposal.cell_id, self.cell_a)
        self.assertEqual(self.meeting_a.proposal_ids, proposal)
        report.action_submit()
        # submitting sends the proposals to their authorities
        self.assertEqual(proposal.state, "assigned")
        self.assertEqual(proposal.date_deadline, date(2026, 4, 4))
        # once sent, the cadre reads it but no longer changes it
        self.assertEqual(proposal.with_user(self.user_cadre).name, "Sửa đường thôn A")
        with self.assertRaises(AccessError):
            proposal.with_user(self.user_cadre).write({"name": "Khác"})

    @freeze_time("2026-03-05")
    def test_report_with_a_vague_proposal_is_not_submitted(self):
        report = self.hold_meeting_a()
        self.new_proposal(report, authority=self.env["party.authority"])
        with self.assertRefused(UserError, "does not say who must act"):
            report.with_user(self.user_cadre).action_submit()
        self.assertEqual(report.state, "draft")


@tagged("post_install", "-at_install")
class TestProposalAccess(PartyReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-03-05"):
            cls.report = cls.env["party.meeting.report"].create(
                {"meeting_id": cls.meeting_a.id, "assignment_id": cls.assignment_cadre.id}
            )
            Proposal = cls.env["party.proposal"]
            cls.proposal_a = Proposal.create(
                {
                    "name": "Sửa đường thôn A",
                    "description": "Đường bê tông thôn A dài 500 m bị hư hỏng nặng.",
                    "report_id": cls.report.id,
                    "authority_id": cls.authority_commune.id,
                }
            )
            cls.proposal_c = Proposal.create(
                {
                    "name": "Nạo vét kênh thôn C",
                    "description": "Kênh tưới thôn C bồi lắng 800 m, đề nghị hỗ trợ nạo vét.",
                    "meeting_id": cls.meeting_c.id,
                    "authority_id": cls.authority_department.id,
                }
            )
            (cls.proposal_a | cls.proposal_c).action_assign()

    def visible(self, user):
        return self.env["party.proposal"].with_user(user).search([])

    def test_resolver_sees_the_proposals_of_their_authorities(self):
        self.assertEqual(self.visible(self.user_resolver), self.proposal_a)
        self.assertEqual(self.visible(self.user_resolver_2), self.proposal_c)
        self.proposal_a.with_user(self.user_resolver).resolution = "Đang khảo sát"
        with self.assertRaises(AccessError):
            self.proposal_c.with_user(self.user_resolver).write({"resolution": "x"})
        with self.assertRaises(AccessError):
            self.env["party.proposal"].with_user(self.user_resolver).create(
                {"name": "x", "description": "y", "cell_id": self.cell_a.id}
            )
        # a proposal still being written is not theirs to see yet
        draft = self.env["party.proposal"].create(
            {"name": "Mới", "description": "Chưa gửi", "cell_id": self.cell_a.id,
             "authority_id": self.authority_commune.id}
        )
        self.assertNotIn(draft, self.visible(self.user_resolver))

    def test_cadre_sees_the_proposals_of_their_reports(self):
        self.assertEqual(self.visible(self.user_cadre), self.proposal_a)
        with self.assertRaises(AccessError):
            self.proposal_c.with_user(self.user_cadre).read(["name"])

    def test_office_sees_its_subtree_and_secretary_their_cell(self):
        self.assertEqual(self.visible(self.user_office_ward_1), self.proposal_a)
        # the province office sees the cells below it and its own departments
        self.assertEqual(
            self.visible(self.user_office_province), self.proposal_a | self.proposal_c
        )
        self.assertEqual(self.visible(self.user_secretary), self.proposal_a)
        with self.assertRaises(AccessError):
            self.proposal_a.with_user(self.user_secretary).write({"name": "Khác"})

    def test_member_sees_no_proposal(self):
        with self.assertRaises(AccessError):
            self.visible(self.user_member)
