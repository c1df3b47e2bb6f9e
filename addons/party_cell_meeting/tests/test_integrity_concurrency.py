from contextlib import ExitStack, contextmanager

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import SQL

ADMIN_USER_ID = 2
# what the fixture commits, child tables first: removed in this order
FIXTURE_TABLES = (
    ("party.meeting.report", "party_meeting_report"),
    ("party.meeting.attendance", "party_meeting_attendance"),
    ("party.meeting", "party_meeting"),
    ("party.assignment", "party_assignment"),
    ("party.assignment.decision", "party_assignment_decision"),
    ("party.member", "party_member"),
    ("party.organization", "party_organization"),
)


@tagged("post_install", "-at_install")
class TestConcurrentWrites(BaseCase):
    """Two users at the same moment, each on a connection of their own, as
    two Odoo workers serve them. The records must be committed for the
    second connection to see them, so this case commits its own small
    fixture and removes it afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.created = {}
        cls.addClassCleanup(cls.remove_fixture)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            today = fields.Date.context_today(env.user)
            Organization = env["party.organization"]
            province = Organization.create(
                {"name": "Tỉnh ủy Song Song", "code": "SS-TU", "level": "provincial"}
            )
            commune = Organization.create(
                {"name": "Đảng bộ xã Song Song", "code": "SS-X", "level": "grassroots",
                 "parent_id": province.id}
            )
            cell = Organization.create(
                {"name": "Chi bộ thôn Song Song", "code": "SS-CB", "level": "cell",
                 "cell_type": "residential", "parent_id": commune.id}
            )
            cadre, member = env["party.member"].create(
                [
                    {"name": "Cán bộ Song Song", "organization_id": province.id},
                    {"name": "Đảng viên Song Song", "organization_id": cell.id},
                ]
            )
            decision = env["party.assignment.decision"].create(
                {
                    "name": "1-QĐ/SS",
                    "organization_id": province.id,
                    "date_effective": today,
                    "assignment_ids": [Command.create({"cadre_id": cadre.id, "cell_id": cell.id})],
                }
            )
            decision.action_put_in_force()
            meeting = env["party.meeting"].create(
                {"cell_id": cell.id, "date": today, "kind": "extraordinary"}
            )
            meeting.action_load_attendance()
            report = env["party.meeting.report"].create(
                {"meeting_id": meeting.id, "assignment_id": decision.assignment_ids.id}
            )
            cls.line_id = meeting.attendance_ids.filtered(lambda line: line.member_id == member).id
            cls.report_id = report.id
            cls.created = {
                # children first: the tree's foreign keys restrict deletion
                "party.organization": (cell | commune | province).ids,
                "party.member": (cadre | member).ids,
                "party.assignment.decision": decision.ids,
                "party.assignment": decision.assignment_ids.ids,
                "party.meeting": meeting.ids,
                "party.meeting.attendance": meeting.attendance_ids.ids,
                "party.meeting.report": report.ids,
            }

    @classmethod
    def remove_fixture(cls):
        """Delete the committed rows in SQL: a decision once in force is kept
        by the ORM, as it should be."""
        with cls.registry.cursor() as cr:
            for model, table in FIXTURE_TABLES:
                ids = cls.created.get(model)
                if not ids:
                    continue
                for side_table, model_column in (
                    ("mail_message", "model"),
                    ("mail_followers", "res_model"),
                    ("mail_activity", "res_model"),
                ):
                    cr.execute(
                        SQL(
                            "DELETE FROM %s WHERE %s = %s AND res_id = ANY(%s)",
                            SQL.identifier(side_table), SQL.identifier(model_column), model, ids,
                        )
                    )
                cr.execute(SQL("DELETE FROM %s WHERE id = ANY(%s)", SQL.identifier(table), ids))

    @contextmanager
    def two_users(self):
        """Two environments of the administrator (not the superuser: the
        guard applies) on two connections, rolled back at the end."""
        with ExitStack() as stack:
            envs = []
            for _index in range(2):
                cr = stack.enter_context(self.registry.cursor())
                stack.callback(cr.rollback)
                envs.append(api.Environment(cr, ADMIN_USER_ID, {}))
            yield envs

    def test_second_writer_of_an_attendance_line_is_refused(self):
        with self.two_users() as (first, second):
            first["party.meeting.attendance"].browse(self.line_id).write(
                {"status": "absent_excused", "reason": "Ốm"}
            )
            with self.assertRaisesRegex(UserError, "Someone else is changing"):
                second["party.meeting.attendance"].browse(self.line_id).write(
                    {"status": "present"}
                )
            # the second user's transaction is still usable: they can reload
            line = second["party.meeting.attendance"].browse(self.line_id)
            self.assertEqual(line.status, "pending")

    def test_second_writer_of_a_report_is_refused(self):
        with self.two_users() as (first, second):
            first["party.meeting.report"].browse(self.report_id).write({"speaker_count": 3})
            with self.assertRaisesRegex(UserError, "Someone else is changing"):
                second["party.meeting.report"].browse(self.report_id).write({"speaker_count": 5})

    def test_double_submit_gives_one_submission_and_a_clear_refusal(self):
        """The loser of a double submit reads the report before the winner
        commits (its snapshot is older), then submits after."""
        with self.two_users() as (first, second):
            loser_report = second["party.meeting.report"].browse(self.report_id)
            self.assertEqual(loser_report.state, "draft")
            first["party.meeting.report"].browse(self.report_id).action_submit()
            first.cr.commit()
            self.addCleanup(self.reset_report)
            with self.assertRaisesRegex(UserError, "Someone else is changing"):
                loser_report.action_submit()

    def reset_report(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "UPDATE party_meeting_report SET state = 'draft', date_submitted = NULL "
                "WHERE id = %s",
                [self.report_id],
            )

    def test_a_second_generation_of_a_month_skips_cleanly(self):
        period = "2099-01"
        with self.two_users() as (first, second):
            first["party.meeting"]._lock_generation(period)
            with self.assertNoLogs("odoo", level="ERROR"):
                generated = second["party.meeting"].sudo()._generate_regular_meetings(period)
            self.assertFalse(generated)
            self.assertFalse(
                second["party.meeting"].sudo().search_count([("period", "=", period)])
            )
