from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PartyCellMeetingCase


@tagged("post_install", "-at_install")
class TestPartyOrganization(PartyCellMeetingCase):
    def test_complete_name_and_district_follow_the_tree(self):
        self.assertEqual(
            self.cell_a.complete_name,
            "Đảng bộ tỉnh Thử / Huyện ủy Một / Đảng bộ xã Một / Chi bộ thôn A",
        )
        self.assertEqual(self.cell_a.district_id, self.district_1)
        self.assertEqual(self.district_1.district_id, self.district_1)
        self.assertFalse(self.province.district_id)
        self.commune_1.parent_id = self.district_2
        self.assertEqual(self.cell_a.district_id, self.district_2)
        self.assertIn("Huyện ủy Hai", self.cell_a.complete_name)

    def test_found_by_path_or_code_shown_by_name(self):
        Organization = self.env["party.organization"]
        self.assertEqual(self.cell_a.display_name, "Chi bộ thôn A")
        found = Organization.name_search("Huyện ủy Một / Đảng bộ xã Một / Chi bộ thôn A")
        self.assertEqual([found_id for found_id, _name in found], self.cell_a.ids)
        self.assertEqual(Organization.name_search("T-CB-C")[0][0], self.cell_c.id)

    def test_child_of_covers_the_subtree(self):
        cells = self.env["party.organization"].search(
            [("id", "child_of", self.district_1.id), ("level", "=", "cell")]
        )
        self.assertEqual(cells, self.cell_a | self.cell_b)

    def test_code_is_unique(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["party.organization"].create(
                {"name": "Trùng mã", "code": "T-CB-A", "level": "cell",
                 "cell_type": "residential", "parent_id": self.commune_1.id}
            )

    def test_cell_cannot_hang_under_the_province(self):
        with self.assertRefused(ValidationError, "cannot be placed under"):
            self.env["party.organization"].create(
                {"name": "Chi bộ lạc", "code": "T-LAC", "level": "cell",
                 "cell_type": "residential", "parent_id": self.province.id}
            )

    def test_cell_may_hang_under_a_district(self):
        cell = self.env["party.organization"].create(
            {"name": "Chi bộ cơ quan huyện", "code": "T-CQH", "level": "cell",
             "cell_type": "agency", "parent_id": self.district_1.id}
        )
        self.assertEqual(cell.district_id, self.district_1)

    def test_district_needs_the_province_above(self):
        with self.assertRefused(ValidationError, "needs a parent"):
            self.env["party.organization"].create(
                {"name": "Huyện mồ côi", "code": "T-HU9", "level": "district"}
            )
        with self.assertRefused(ValidationError, "cannot be placed under"):
            self.env["party.organization"].create(
                {"name": "Huyện dưới xã", "code": "T-HU8", "level": "district",
                 "parent_id": self.commune_1.id}
            )

    def test_province_has_no_parent(self):
        with self.assertRefused(ValidationError, "cannot have a parent"):
            self.env["party.organization"].create(
                {"name": "Tỉnh con", "code": "T-TU2", "level": "provincial",
                 "parent_id": self.province.id}
            )

    def test_cell_needs_a_type(self):
        with self.assertRefused(ValidationError, "type of the cell"):
            self.env["party.organization"].create(
                {"name": "Chi bộ không loại", "code": "T-KL", "level": "cell",
                 "parent_id": self.commune_1.id}
            )

    def test_levels_only_go_down_so_the_tree_has_no_cycle(self):
        with self.assertRefused(ValidationError, "cannot be placed under"):
            self.district_1.parent_id = self.cell_c

    def test_secretary_follows_the_positions(self):
        self.assertEqual(self.cell_a.secretary_id, self.secretary)
        self.assertFalse(self.cell_b.secretary_id)
        position = self.cell_a.position_ids.filtered(lambda p: p.role == "secretary")
        position.active = False
        self.assertFalse(self.cell_a.secretary_id)
        self.env["party.position"].create(
            {"member_id": self.member_a2.id, "organization_id": self.cell_a.id,
             "role": "secretary"}
        )
        self.assertEqual(self.cell_a.secretary_id, self.member_a2)

    def test_position_is_held_in_one_place(self):
        authority = self.env["party.authority"].create(
            {"name": "Sở Nội vụ", "organization_id": self.province.id}
        )
        Position = self.env["party.position"]
        with self.assertRefused(ValidationError, "not both or neither"):
            Position.create({"member_id": self.cadre.id, "role": "head"})
        with self.assertRefused(ValidationError, "not both or neither"):
            Position.create(
                {"member_id": self.cadre.id, "role": "head",
                 "organization_id": self.province.id, "authority_id": authority.id}
            )
        head = Position.create(
            {"member_id": self.cadre.id, "role": "head", "authority_id": authority.id}
        )
        self.assertIn("Sở Nội vụ", head.display_name)
        self.assertTrue(self.cadre.is_cadre)
        self.assertFalse(self.member_a2.is_cadre)
        # a cell's secretary is not, by that seat, a cadre to assign
        self.assertFalse(self.secretary.is_cadre)

    def test_member_counts_and_user_link(self):
        self.assertEqual(self.cell_a.member_count, 3)
        self.assertEqual(self.user_cadre.party_member_id, self.cadre)
        self.assertEqual(self.cadre.partner_id, self.user_cadre.partner_id)
        self.assertEqual(
            self.env["res.users"].search([("party_member_id", "=", self.secretary.id)]),
            self.user_secretary,
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.member_a2.user_id = self.user_cadre
            self.member_a2.flush_recordset()
