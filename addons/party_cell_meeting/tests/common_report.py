from odoo import Command

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import PartyCellMeetingCase


class PartyReportCase(PartyCellMeetingCase):
    """The shared fixture, plus authorities with their resolvers, and the
    March meeting of cell_a held with the cadre present and the deputy
    excused (so the cadre alone has a report)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_resolver = mail_new_test_user(
            cls.env,
            login="party_resolver",
            name="party_resolver",
            email="party_resolver@example.com",
            groups="party_cell_meeting.group_party_resolver",
        )
        cls.user_resolver_2 = mail_new_test_user(
            cls.env,
            login="party_resolver_2",
            name="party_resolver_2",
            email="party_resolver_2@example.com",
            groups="party_cell_meeting.group_party_resolver",
        )
        Authority = cls.env["party.authority"]
        cls.authority_commune = Authority.create(
            {
                "name": "UBND xã Một",
                "kind": "government",
                "organization_id": cls.ward_1.id,
                "user_ids": [Command.link(cls.user_resolver.id)],
            }
        )
        cls.authority_department = Authority.create(
            {
                "name": "Sở Giao thông",
                "kind": "department",
                "organization_id": cls.province.id,
                "user_ids": [Command.link(cls.user_resolver_2.id)],
                "proposal_days": 15,
            }
        )
        cls.meeting_a.action_load_attendance()
        lines = cls.meeting_a.attendance_ids
        lines.filtered(lambda line: line.member_id == cls.deputy).write(
            {"status": "absent_excused", "reason": "Đi công tác"}
        )
        lines.filtered(lambda line: line.member_id == cls.member_a2).write(
            {"status": "absent_unexcused"}
        )
        (lines.filtered(lambda line: line.status == "pending")).write({"status": "present"})

    def hold_meeting_a(self):
        self.meeting_a.action_mark_held()
        return self.meeting_a.report_ids

    def new_proposal(self, report=None, **values):
        return self.env["party.proposal"].create(
            {
                "name": values.pop("name", "Sửa đường thôn A"),
                "description": values.pop(
                    "description",
                    "Đường bê tông thôn A dài 500 m bị hư hỏng, đề nghị xã sửa chữa trước mùa mưa.",
                ),
                "report_id": report.id if report else False,
                "meeting_id": (report.meeting_id if report else self.meeting_a).id,
                "authority_id": values.pop("authority", self.authority_commune).id,
                **values,
            }
        )
