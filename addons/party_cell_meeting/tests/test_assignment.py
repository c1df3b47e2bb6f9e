from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PartyCellMeetingCase


@tagged("post_install", "-at_install")
class TestAssignmentDecision(PartyCellMeetingCase):
    def test_put_in_force_puts_lines_in_force(self):
        decision = self.new_decision(
            [(self.cadre, self.cell_b, "principal"), (self.deputy, self.cell_b, "deputy")]
        )
        self.assertEqual(set(decision.assignment_ids.mapped("state")), {"draft"})
        self.assertEqual(
            decision.assignment_ids.mapped("date_start"),
            [fields.Date.to_date("2026-07-01")] * 2,
        )
        decision.action_put_in_force()
        self.assertEqual(decision.state, "in_force")
        self.assertEqual(set(decision.assignment_ids.mapped("state")), {"in_force"})

    def test_put_in_force_needs_assignments_and_a_draft(self):
        empty = self.new_decision([])
        with self.assertRefused(UserError, "assigns nobody"):
            empty.action_put_in_force()
        with self.assertRefused(UserError, "not a draft"):
            self.decision.action_put_in_force()

    def test_decision_in_force_is_locked(self):
        with self.assertRefused(UserError, "cannot be changed"):
            self.decision.date_effective = "2026-02-01"
        with self.assertRefused(UserError, "cannot be changed"):
            self.decision.assignment_ids = [Command.clear()]
        with self.assertRefused(UserError, "cannot be changed"):
            self.assignment_cadre.cell_id = self.cell_b
        with self.assertRefused(UserError, "only be added to a draft"):
            self.env["party.assignment"].create(
                {"decision_id": self.decision.id, "cadre_id": self.cadre.id,
                 "cell_id": self.cell_b.id}
            )
        with self.assertRefused(UserError, "cannot be deleted"):
            self.assignment_cadre.unlink()
        with self.assertRefused(UserError, "Only draft decisions"):
            self.decision.unlink()
        # the chatter still works on a decision in force
        self.decision.message_post(body="Đã gửi các chi bộ")
        self.assertEqual(self.decision.name, "140-QĐ/TU")

    def test_draft_decision_can_be_edited_and_deleted(self):
        decision = self.new_decision([(self.cadre, self.cell_b, "principal")])
        decision.assignment_ids.role = "deputy"
        decision.name = "201-QĐ/TU"
        lines = decision.assignment_ids
        decision.unlink()
        self.assertFalse(lines.exists())

    def test_number_is_unique_per_issuer(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.new_decision([], name="140-QĐ/TU")
            self.env.flush_all()

    def test_assignment_only_to_cells(self):
        with self.assertRefused(ValidationError, "not a cell"):
            self.new_decision([(self.cadre, self.ward_1, "principal")])

    def test_assignment_only_below_the_issuer(self):
        with self.assertRefused(ValidationError, "is not under"):
            self.new_decision(
                [(self.cadre, self.cell_c, "principal")], issuer=self.ward_1,
                name="25-QĐ/ĐU",
            )
        ward_decision = self.new_decision(
            [(self.cadre, self.cell_b, "principal")], issuer=self.ward_1,
            name="25-QĐ/ĐU",
        )
        self.assertEqual(ward_decision.assignment_ids.issuer_id, self.ward_1)

    def test_end_not_before_start(self):
        with self.assertRefused(ValidationError, "ends before it starts"):
            self.new_decision(
                [(self.cadre, self.cell_b, "principal", {"date_end": "2026-06-30"})]
            )

    def test_principal_overlap_refused_within_a_decision(self):
        with self.assertRefused(ValidationError, "cannot overlap"):
            self.new_decision(
                [(self.cadre, self.cell_b, "principal"), (self.cadre, self.cell_b, "principal")]
            )

    def test_principal_overlap_refused_across_decisions_in_force(self):
        decision = self.new_decision([(self.cadre, self.cell_a, "principal")])
        # a draft may overlap the decision in force: it is not in force yet
        self.assertEqual(decision.state, "draft")
        with self.assertRefused(ValidationError, "cannot overlap"):
            decision.action_put_in_force()

    def test_consecutive_principal_and_deputies_allowed(self):
        first = self.new_decision(
            [(self.cadre, self.cell_b, "principal", {"date_end": "2026-12-31"}),
             (self.deputy, self.cell_b, "deputy"),
             (self.deputy, self.cell_c, "deputy")],
            name="300-QĐ/TU",
        )
        first.action_put_in_force()
        second = self.new_decision(
            [(self.cadre, self.cell_b, "principal", {"date_start": "2027-01-01"}),
             (self.deputy, self.cell_b, "deputy")],
            name="301-QĐ/TU",
        )
        second.action_put_in_force()
        self.assertEqual(second.state, "in_force")

    def test_superseding_decision_ends_the_old_one(self):
        action = self.decision.action_create_superseding()
        new_decision = self.env["party.assignment.decision"].browse(action["res_id"])
        self.assertEqual(new_decision.state, "draft")
        self.assertEqual(new_decision.supersedes_id, self.decision)
        self.assertEqual(len(new_decision.assignment_ids), 2)
        self.assertEqual(set(new_decision.assignment_ids.mapped("state")), {"draft"})
        new_decision.write({"name": "150-QĐ/TU", "date_effective": "2026-09-01"})
        new_decision.assignment_ids.filtered(lambda a: a.role == "deputy").cell_id = self.cell_b
        new_decision.action_put_in_force()

        self.assertEqual(self.decision.state, "superseded")
        self.assertEqual(self.decision.superseded_by_id, new_decision)
        self.assertEqual(set(self.decision.assignment_ids.mapped("state")), {"ended"})
        self.assertEqual(
            set(self.decision.assignment_ids.mapped("date_end")),
            {fields.Date.to_date("2026-08-31")},
        )
        self.assertEqual(set(new_decision.assignment_ids.mapped("state")), {"in_force"})
        self.assertIn("Superseded by decision 150-QĐ/TU", self.decision.message_ids[0].body)

    def test_superseded_lines_that_never_started_are_marked(self):
        late = self.new_decision(
            [(self.cadre, self.cell_b, "principal", {"date_start": "2026-10-01"})],
            name="160-QĐ/TU",
        )
        late.action_put_in_force()
        replacement = self.new_decision(
            [(self.cadre, self.cell_c, "principal")], name="161-QĐ/TU",
            date_effective="2026-09-01", supersedes_id=late.id,
        )
        replacement.action_put_in_force()
        self.assertEqual(late.assignment_ids.state, "cancelled")
        self.assertEqual(late.assignment_ids.date_start, fields.Date.to_date("2026-10-01"))

    def test_superseding_needs_a_decision_in_force(self):
        draft = self.new_decision([(self.cadre, self.cell_b, "principal")], name="170-QĐ/TU")
        replacement = self.new_decision(
            [(self.cadre, self.cell_c, "principal")], name="171-QĐ/TU",
            supersedes_id=draft.id,
        )
        with self.assertRefused(UserError, "cannot supersede 170-QĐ/TU"):
            replacement.action_put_in_force()

    def test_in_force_domain(self):
        Assignment = self.env["party.assignment"]
        ended = self.new_decision(
            [(self.cadre, self.cell_b, "principal", {"date_end": "2026-03-31"})],
            name="180-QĐ/TU", date_effective="2026-01-01",
        )
        ended.action_put_in_force()
        draft = self.new_decision([(self.cadre, self.cell_c, "principal")], name="181-QĐ/TU")

        def in_force(date_from, date_to=None):
            return Assignment.search(
                [("cadre_id", "=", self.cadre.id)]
                + Assignment._in_force_domain(date_from, date_to)
            )

        self.assertEqual(in_force("2026-03-03"), self.assignment_cadre | ended.assignment_ids)
        self.assertEqual(in_force("2026-04-03"), self.assignment_cadre)
        self.assertEqual(in_force("2025-12-31"), Assignment)
        self.assertEqual(
            in_force("2025-12-01", "2026-01-01"), self.assignment_cadre | ended.assignment_ids
        )
        self.assertNotIn(draft.assignment_ids, in_force("2026-08-03"))
        self.assertTrue(self.assignment_cadre._is_in_force_on(fields.Date.to_date("2026-08-03")))
        self.assertFalse(ended.assignment_ids._is_in_force_on(fields.Date.to_date("2026-04-03")))

    def test_assignment_starts_with_its_decision(self):
        decision = self.new_decision([(self.cadre, self.cell_b, "principal")])
        decision.date_effective = "2026-08-01"
        self.assertEqual(decision.assignment_ids.date_start, fields.Date.to_date("2026-08-01"))
        with self.assertRefused(ValidationError, "before its decision takes effect"):
            decision.assignment_ids.date_start = "2026-07-15"

    def test_assignments_are_found_by_cadre_cell_or_decision(self):
        Assignment = self.env["party.assignment"]
        self.assertEqual(
            Assignment.name_search("Trần Văn Cán")[0][0], self.assignment_cadre.id
        )
        self.assertEqual(
            {found[0] for found in Assignment.name_search("Chi bộ thôn A")},
            set((self.assignment_cadre | self.assignment_deputy).ids),
        )
        self.assertEqual(len(Assignment.name_search("140-QĐ/TU")), 2)
