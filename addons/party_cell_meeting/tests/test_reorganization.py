from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, tagged

from .common import PartyCellMeetingCase, load_vietnamese


@tagged("post_install", "-at_install")
class TestReorganization(PartyCellMeetingCase):
    """The mergers of 2025: wards merged into wards, cells moved, old
    organizations dissolved, without losing the past."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting_a.action_mark_held()
        cls.planned_a = cls.create_meeting(cls.cell_a, "2026-04-03")
        cls.ward_1_member = cls.env["party.member"].create(
            {"name": "Đinh Văn Ủy", "organization_id": cls.ward_1.id}
        )
        cls.env["party.position"].create(
            {"member_id": cls.ward_1_member.id, "organization_id": cls.ward_1.id,
             "role": "committee_member"}
        )

    def test_a_move_keeps_held_meetings_under_the_committee_of_their_day(self):
        self.cell_a.with_user(self.user_office_province)._move_under(self.ward_2)
        self.assertEqual(self.cell_a.parent_id, self.ward_2)
        self.assertEqual(self.cell_a.superior_id, self.ward_2)
        self.assertEqual(self.meeting_a.superior_id, self.ward_1, "held: stays as it was")
        self.assertEqual(self.planned_a.superior_id, self.ward_2, "to hold: follows the cell")
        self.assertEqual(self.assignment_cadre.superior_id, self.ward_2)
        self.assertIn("Đảng bộ phường Một", self.cell_a.message_ids[0].body)

    def test_merge_moves_cells_members_positions_and_offices(self):
        self.ward_1.with_user(self.user_office_province)._merge_into(self.ward_2)
        self.assertFalse(self.ward_1.active)
        self.assertEqual(self.ward_1.merged_into_id, self.ward_2)
        self.assertEqual((self.cell_a | self.cell_b).parent_id, self.ward_2)
        self.assertEqual(self.ward_1_member.organization_id, self.ward_2)
        self.assertEqual(self.ward_1_member.position_ids.organization_id, self.ward_2)
        self.assertEqual(self.user_office_ward_1.party_organization_ids, self.ward_2)
        # assignments in force stay in force; past meetings keep their cell
        # and their committee; what is still to hold follows the cell
        self.assertEqual(self.assignment_cadre.state, "in_force")
        self.assertEqual(self.meeting_a.cell_id, self.cell_a)
        self.assertEqual(self.meeting_a.superior_id, self.ward_1)
        self.assertEqual(self.planned_a.superior_id, self.ward_2)
        self.assertEqual(self.planned_a.state, "planned")
        self.assertIn("Đảng bộ xã Hai", self.ward_1.message_ids[0].body)
        self.assertIn("Đảng bộ phường Một", self.ward_2.message_ids[0].body)
        # the ward's office, now the merged ward's, sees the cells' past
        Meeting = self.env["party.meeting"].with_user(self.user_office_ward_1)
        self.assertIn(self.meeting_a, Meeting.search([]))

    def test_past_figures_still_read_under_the_old_committee(self):
        self.env.flush_all()
        before = self.env["party.cell.month.stat"].search([("cell_id", "=", self.cell_a.id)])
        self.assertEqual(before.superior_id, self.ward_1)
        self.ward_1._merge_into(self.ward_2)
        self.env.flush_all()
        self.env.invalidate_all()
        after = self.env["party.cell.month.stat"].search([("cell_id", "=", self.cell_a.id)])
        self.assertEqual(
            {(row.period, row.superior_id) for row in after},
            {("2026-03", self.ward_1), ("2026-04", self.ward_2)},
        )

    def test_merging_a_cell_cancels_what_it_would_have_held(self):
        planned_b = self.create_meeting(self.cell_b, "2026-04-03")
        self.cell_b._merge_into(self.cell_c)
        self.assertEqual(self.member_b1.organization_id, self.cell_c)
        self.assertFalse(self.cell_b.active)
        self.assertEqual(planned_b.state, "cancelled")
        self.assertIn("Chi bộ thôn C", planned_b.cancel_reason)
        # a cell with cadres assigned in force waits for a new decision
        with self.assertRefused(UserError, "140-QĐ/TU"):
            self.cell_a._merge_into(self.cell_c)
        self.assertTrue(self.cell_a.active)
        self.assertEqual(self.planned_a.state, "planned")

    def test_merge_refuses_what_would_lose_or_tangle_data(self):
        with self.assertRefused(UserError, "inside them"):
            self.ward_1._merge_into(self.cell_a)
        with self.assertRefused(UserError, "inside them"):
            self.ward_1._merge_into(self.ward_1)
        with self.assertRefused(UserError, "cell is merged into another cell"):
            self.cell_c._merge_into(self.ward_1)
        self.ward_2.action_archive()
        with self.assertRefused(UserError, "archived"):
            self.ward_1._merge_into(self.ward_2)

    def test_an_office_reorganizes_only_inside_its_subtree(self):
        as_ward_office = self.ward_1.with_user(self.user_office_ward_1)
        with self.assertRaises(AccessError):
            as_ward_office._merge_into(self.ward_2)
        with self.assertRaises(AccessError):
            self.cell_a.with_user(self.user_office_ward_1)._move_under(self.ward_2)
        with self.assertRefused(UserError, "Only a party office"):
            self.cell_a.with_user(self.user_secretary)._move_under(self.ward_2)
        # inside its ward it may: a new grassroots committee takes the school
        school = self.env["party.organization"].with_user(self.user_office_ward_1).create(
            {"name": "Đảng bộ Trường", "code": "T-TR", "level": "grassroots",
             "parent_id": self.ward_1.id}
        )
        self.cell_b.with_user(self.user_office_ward_1)._move_under(school)
        self.assertEqual(self.cell_b.superior_id, self.ward_1)

    def test_each_office_sees_its_own_committee(self):
        """A ward office keeps its ward, a block office its block, the
        province office everything (the tree itself is read by all), and
        each reads the meetings of what it keeps: record rules follow the
        tree of 2025."""
        block_office = self.user_office_ward_1.copy(
            {"login": "party_office_block",
             "party_organization_ids": [Command.set(self.bloc.ids)]}
        )
        meeting_agency = self.create_meeting(self.cell_agency, "2026-03-03")
        meetings = self.meeting_a | self.meeting_c | meeting_agency | self.planned_a
        for user, cells, seen in (
            (self.user_office_ward_1, self.cell_a | self.cell_b, self.meeting_a | self.planned_a),
            (block_office, self.cell_agency, meeting_agency),
            (self.user_office_province,
             self.cell_a | self.cell_b | self.cell_c | self.cell_agency, meetings),
        ):
            with self.subTest(user=user.login):
                Organization = self.env["party.organization"].with_user(user)
                kept = Organization.search([("level", "=", "cell")])._filtered_access("write")
                self.assertEqual(kept, cells)
                Meeting = self.env["party.meeting"].with_user(user)
                self.assertEqual(Meeting.search([("id", "in", meetings.ids)]), seen)
        with self.assertRaises(AccessError):
            self.cell_a.with_user(block_office).write({"note": "<p>Ngoài khối</p>"})

    def test_merged_into_is_set_by_the_merge_only(self):
        with self.assertRefused(UserError, "Merged Into"):
            self.ward_1.with_user(self.user_office_province).write(
                {"merged_into_id": self.ward_2.id}
            )

    def test_dissolve_only_what_is_empty(self):
        with self.assertRefused(UserError, "sub-organizations, members"):
            self.ward_1._dissolve()
        self.cell_b._merge_into(self.cell_c)
        empty = self.env["party.organization"].create(
            {"name": "Đảng bộ xã cũ", "code": "T-XC", "level": "commune",
             "parent_id": self.province.id}
        )
        empty.with_user(self.user_office_province)._dissolve()
        self.assertFalse(empty.active)
        with self.assertRefused(UserError, "members, assignments in force, planned meetings"):
            self.cell_a._dissolve()

    def test_the_wizard_merges_as_an_office_would(self):
        wizard_form = Form(
            self.env["party.organization.reorganize.wizard"]
            .with_user(self.user_office_province)
            .with_context(active_model="party.organization", active_ids=self.ward_1.ids)
        )
        wizard_form.operation = "merge"
        wizard_form.target_id = self.ward_2
        wizard = wizard_form.save()
        self.assertIn("2 cells", wizard.summary)
        action = wizard.action_apply()
        self.assertEqual(action["res_id"], self.ward_2.id)
        self.assertEqual(self.ward_1.merged_into_id, self.ward_2)
        with self.assertRefused(UserError, "Choose the organization"):
            self.env["party.organization.reorganize.wizard"].create(
                {"operation": "move", "organization_ids": [Command.set(self.cell_c.ids)]}
            ).action_apply()


@tagged("post_install", "-at_install")
class TestReorganizationTour(PartyCellMeetingCase, HttpCase):
    def test_province_office_merges_a_ward_on_a_desktop(self):
        load_vietnamese(self.env)
        self.user_office_province.lang = "vi_VN"
        self.browser_size = "1440x900"
        self.start_tour(
            "/odoo/action-party_cell_meeting.party_organization_action",
            "party_office_reorganize_tour",
            login="party_office_province",
        )
        self.assertEqual(self.ward_1.merged_into_id, self.ward_2)
        self.assertEqual(self.cell_a.parent_id, self.ward_2)
