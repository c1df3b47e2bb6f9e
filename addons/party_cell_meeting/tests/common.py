from contextlib import contextmanager

from odoo import Command, fields
from odoo.tests import TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user


def load_vietnamese(env):
    """Activate Vietnamese and load the addon's translation, as a database
    installed with --load-language=vi_VN has it."""
    env["res.lang"]._activate_lang("vi_VN")
    env["ir.module.module"]._load_module_terms(["party_cell_meeting"], ["vi_VN"], overwrite=True)


class PartyCellMeetingCase(TransactionCase):
    """A small province of 2026, built by the tests themselves.

    province ─┬─ ward_1 (phường) ─┬─ cell_a (residential)
              │                    └─ cell_b (agency)
              ├─ ward_2 (xã) ─────── cell_c (residential)
              └─ bloc (provincial block) ── cell_agency (home of the cadres)

    Wards and the block are the superior committees of their cells. The
    cadre is principal and the deputy is deputy of cell_a under decision
    140-QĐ/TU, in force from 2026-01-01.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Organization = cls.env["party.organization"]
        cls.province = Organization.create(
            {"name": "Đảng bộ tỉnh Thử", "code": "T-TU", "level": "provincial"}
        )
        cls.ward_1, cls.ward_2, cls.bloc = Organization.create(
            [
                {"name": "Đảng bộ phường Một", "code": "T-P1", "level": "commune",
                 "parent_id": cls.province.id},
                {"name": "Đảng bộ xã Hai", "code": "T-X2", "level": "commune",
                 "parent_id": cls.province.id},
                {"name": "Đảng bộ các cơ quan Đảng tỉnh", "code": "T-KCQ",
                 "level": "block", "parent_id": cls.province.id},
            ]
        )
        cls.cell_a, cls.cell_b, cls.cell_c, cls.cell_agency = Organization.create(
            [
                {"name": "Chi bộ thôn A", "code": "T-CB-A", "level": "cell",
                 "cell_type": "residential", "parent_id": cls.ward_1.id},
                {"name": "Chi bộ trường B", "code": "T-CB-B", "level": "cell",
                 "cell_type": "agency", "parent_id": cls.ward_1.id},
                {"name": "Chi bộ thôn C", "code": "T-CB-C", "level": "cell",
                 "cell_type": "residential", "parent_id": cls.ward_2.id},
                {"name": "Chi bộ Văn phòng", "code": "T-CB-VP", "level": "cell",
                 "cell_type": "agency", "parent_id": cls.bloc.id},
            ]
        )

        def new_user(login, groups, **values):
            return mail_new_test_user(
                cls.env,
                login=login,
                name=values.pop("name", login),
                email=f"{login}@example.com",
                groups=groups,
                **values,
            )

        cls.user_manager = new_user(
            "party_manager", "party_cell_meeting.group_party_manager"
        )
        cls.user_office_province = new_user(
            "party_office_province",
            "party_cell_meeting.group_party_office",
            party_organization_ids=[Command.link(cls.province.id)],
        )
        cls.user_office_ward_1 = new_user(
            "party_office_w1",
            "party_cell_meeting.group_party_office",
            party_organization_ids=[Command.link(cls.ward_1.id)],
        )
        cls.user_cadre = new_user("party_cadre", "party_cell_meeting.group_party_cadre")
        cls.user_deputy = new_user("party_deputy", "party_cell_meeting.group_party_cadre")
        cls.user_secretary = new_user(
            "party_secretary", "party_cell_meeting.group_party_cell_secretary"
        )
        cls.user_member = new_user("party_member", "party_cell_meeting.group_party_member")

        Member = cls.env["party.member"]
        cls.cadre, cls.deputy = Member.create(
            [
                {"name": "Trần Văn Cán", "organization_id": cls.cell_agency.id,
                 "user_id": cls.user_cadre.id},
                {"name": "Lê Thị Phó", "organization_id": cls.cell_agency.id,
                 "user_id": cls.user_deputy.id},
            ]
        )
        cls.secretary, cls.member_a1, cls.member_a2 = Member.create(
            [
                {"name": "Nguyễn Văn Bí", "organization_id": cls.cell_a.id,
                 "user_id": cls.user_secretary.id},
                {"name": "Phạm Thị Một", "organization_id": cls.cell_a.id,
                 "user_id": cls.user_member.id},
                {"name": "Hoàng Văn Hai", "organization_id": cls.cell_a.id},
            ]
        )
        cls.member_b1, cls.member_c1 = Member.create(
            [
                {"name": "Đỗ Văn Bê", "organization_id": cls.cell_b.id},
                {"name": "Vũ Thị Xê", "organization_id": cls.cell_c.id},
            ]
        )
        cls.env["party.position"].create(
            [
                {"member_id": cls.secretary.id, "organization_id": cls.cell_a.id,
                 "role": "secretary"},
                {"member_id": cls.cadre.id, "organization_id": cls.province.id,
                 "role": "committee_member"},
                {"member_id": cls.deputy.id, "organization_id": cls.province.id,
                 "role": "committee_member"},
            ]
        )

        cls.decision = cls.env["party.assignment.decision"].create(
            {
                "name": "140-QĐ/TU",
                "organization_id": cls.province.id,
                "date": "2025-12-15",
                "date_effective": "2026-01-01",
                "assignment_ids": [
                    Command.create({"cadre_id": cls.cadre.id, "cell_id": cls.cell_a.id,
                                    "role": "principal"}),
                    Command.create({"cadre_id": cls.deputy.id, "cell_id": cls.cell_a.id,
                                    "role": "deputy"}),
                ],
            }
        )
        cls.decision.action_put_in_force()
        assignments = cls.decision.assignment_ids
        cls.assignment_cadre = assignments.filtered(lambda a: a.role == "principal")
        cls.assignment_deputy = assignments.filtered(lambda a: a.role == "deputy")

        cls.meeting_a = cls.create_meeting(cls.cell_a, "2026-03-03")
        cls.meeting_c = cls.create_meeting(cls.cell_c, "2026-03-03")

    @contextmanager
    def assertRefused(self, exception, message):
        """Like assertRaisesRegex, inside a savepoint (as assertRaises is in
        Odoo tests), so that the refused change leaves nothing behind."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), message)

    def run_cron_call(self, method, **kwargs):
        """One call of a cron's method as Odoo's cron runner makes it: what
        it says it did and left, through the progress API."""
        cron = self.env["ir.cron"].search([("code", "like", method)], limit=1)
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        model = self.env[cron.model_id.model].with_context(ir_cron_progress_id=progress.id)
        getattr(model, method)(**kwargs)
        return progress.done, progress.remaining

    @classmethod
    def create_meeting(cls, cell, date, kind="regular", **values):
        return cls.env["party.meeting"].create(
            {"cell_id": cell.id, "date": fields.Date.to_date(date), "kind": kind, **values}
        )

    def new_decision(self, assignments, issuer=None, **values):
        """A draft decision of issuer (the province by default) with one line
        per (cadre, cell, role) or (cadre, cell, role, extra values)."""
        lines = []
        for cadre, cell, role, *extra in assignments:
            lines.append(
                Command.create(
                    {"cadre_id": cadre.id, "cell_id": cell.id, "role": role,
                     **(extra[0] if extra else {})}
                )
            )
        return self.env["party.assignment.decision"].create(
            {
                "name": values.pop("name", "200-QĐ/TU"),
                "organization_id": (issuer or self.province).id,
                "date_effective": values.pop("date_effective", "2026-07-01"),
                "assignment_ids": lines,
                **values,
            }
        )
