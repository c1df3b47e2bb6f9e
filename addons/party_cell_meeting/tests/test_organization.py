from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.modules.migration import load_script
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger
from odoo.tools.misc import file_path

from .common import PartyCellMeetingCase


@tagged("post_install", "-at_install")
class TestPartyOrganization(PartyCellMeetingCase):
    def test_complete_name_and_superior_follow_the_tree(self):
        self.assertEqual(
            self.cell_a.complete_name, "Đảng bộ tỉnh Thử / Đảng bộ phường Một / Chi bộ thôn A"
        )
        self.assertEqual(self.cell_a.superior_id, self.ward_1)
        self.assertEqual(self.ward_1.superior_id, self.ward_1)
        self.assertEqual(self.cell_agency.superior_id, self.bloc)
        self.assertEqual(self.province.superior_id, self.province)
        self.cell_a.parent_id = self.ward_2
        self.assertEqual(self.cell_a.superior_id, self.ward_2)
        self.assertIn("Đảng bộ xã Hai", self.cell_a.complete_name)

    def test_superior_is_the_nearest_consolidating_committee_at_any_depth(self):
        """Province → block → grassroots → sub-branch → cell: the block
        consolidates; a grassroots committee under the province itself is
        consolidated by the province."""
        Organization = self.env["party.organization"]
        grassroots = Organization.create(
            {"name": "Đảng bộ Sở Y tế", "code": "T-SYT", "level": "grassroots",
             "parent_id": self.bloc.id}
        )
        branch = Organization.create(
            {"name": "Đảng bộ bộ phận Bệnh viện", "code": "T-BV", "level": "branch",
             "parent_id": grassroots.id}
        )
        cell = Organization.create(
            {"name": "Chi bộ Khoa Nội", "code": "T-KN", "level": "cell",
             "cell_type": "agency", "parent_id": branch.id}
        )
        self.assertEqual((grassroots | branch | cell).superior_id, self.bloc)
        grassroots.parent_id = self.province
        self.assertEqual(cell.superior_id, self.province)
        grassroots.parent_id = self.ward_2
        self.assertEqual(cell.superior_id, self.ward_2)

    def test_every_parent_and_child_level_pair(self):
        """Each level accepts exactly the parent levels of the table, and
        only the province stands without a parent."""
        Organization = self.env["party.organization"]
        levels = [level for level, _label in Organization._fields["level"].selection]
        allowed = {
            "provincial": set(),
            "district": {"provincial"},
            "commune": {"provincial"},
            "block": {"provincial"},
            "grassroots": {"provincial", "district", "commune", "block"},
            "branch": {"grassroots"},
            "cell": {"district", "commune", "block", "grassroots", "branch"},
        }
        self.assertEqual(set(levels), set(allowed))
        parents = {"provincial": self.province}
        parents["district"] = Organization.create(
            {"name": "Huyện ủy cũ", "code": "T-HU", "level": "district",
             "parent_id": self.province.id}
        )
        parents["commune"] = self.ward_1
        parents["block"] = self.bloc
        parents["grassroots"] = Organization.create(
            {"name": "Đảng bộ Công ty", "code": "T-CTY", "level": "grassroots",
             "parent_id": self.ward_1.id}
        )
        parents["branch"] = Organization.create(
            {"name": "Đảng bộ bộ phận Xưởng", "code": "T-XU", "level": "branch",
             "parent_id": parents["grassroots"].id}
        )
        parents["cell"] = self.cell_a
        for level in levels:
            values = {"level": level, "cell_type": "agency" if level == "cell" else False}
            for parent_level, parent in parents.items():
                with self.subTest(level=level, parent=parent_level):
                    code = f"T-{level}-{parent_level}"
                    vals = {"name": code, "code": code, "parent_id": parent.id, **values}
                    if parent_level in allowed[level]:
                        Organization.create(vals)
                    else:
                        refused = "cannot (be placed under|have a parent)"
                        with self.assertRefused(ValidationError, refused):
                            Organization.create(vals)
            with self.subTest(level=level, parent=None):
                vals = {"name": f"T-{level}", "code": f"T-{level}", **values}
                if allowed[level]:
                    with self.assertRefused(ValidationError, "needs a parent"):
                        Organization.create(vals)
                else:
                    self.assertFalse(Organization.create(vals).parent_id)

    def test_found_by_path_or_code_shown_by_name(self):
        Organization = self.env["party.organization"]
        self.assertEqual(self.cell_a.display_name, "Chi bộ thôn A")
        found = Organization.name_search("Đảng bộ phường Một / Chi bộ thôn A")
        self.assertEqual([found_id for found_id, _name in found], self.cell_a.ids)
        self.assertEqual(Organization.name_search("T-CB-C")[0][0], self.cell_c.id)

    def test_child_of_covers_the_subtree(self):
        cells = self.env["party.organization"].search(
            [("id", "child_of", self.ward_1.id), ("level", "=", "cell")]
        )
        self.assertEqual(cells, self.cell_a | self.cell_b)

    def test_code_is_unique(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["party.organization"].create(
                {"name": "Trùng mã", "code": "T-CB-A", "level": "cell",
                 "cell_type": "residential", "parent_id": self.ward_1.id}
            )

    def test_cell_cannot_hang_under_the_province(self):
        with self.assertRefused(ValidationError, "cannot be placed under"):
            self.env["party.organization"].create(
                {"name": "Chi bộ lạc", "code": "T-LAC", "level": "cell",
                 "cell_type": "residential", "parent_id": self.province.id}
            )

    def test_legacy_district_consolidates_its_cells(self):
        """A district of before 7/2025 still reads as the superior committee
        of the cells recorded under it."""
        Organization = self.env["party.organization"]
        district = Organization.create(
            {"name": "Huyện ủy Hoa Lư (trước 7/2025)", "code": "T-HUHL",
             "level": "district", "parent_id": self.province.id}
        )
        commune = Organization.create(
            {"name": "Đảng bộ xã Ninh Hải (cũ)", "code": "T-NH", "level": "grassroots",
             "parent_id": district.id}
        )
        cell = Organization.create(
            {"name": "Chi bộ thôn Văn Lâm", "code": "T-VL", "level": "cell",
             "cell_type": "residential", "parent_id": commune.id}
        )
        self.assertEqual((district | commune | cell).superior_id, district)
        with self.assertRefused(ValidationError, "needs a parent"):
            Organization.create({"name": "Huyện mồ côi", "code": "T-HU9", "level": "district"})

    def test_province_has_no_parent(self):
        with self.assertRefused(ValidationError, "cannot have a parent"):
            self.env["party.organization"].create(
                {"name": "Tỉnh con", "code": "T-TU2", "level": "provincial",
                 "parent_id": self.province.id}
            )

    def test_cell_needs_a_type(self):
        """The message lists the six kinds of cell of HD 42."""
        with self.assertRefused(ValidationError, "type of the cell") as caught:
            self.env["party.organization"].create(
                {"name": "Chi bộ không loại", "code": "T-KL", "level": "cell",
                 "parent_id": self.ward_1.id}
            )
        for label in ("village, residential group", "state enterprise",
                      "private or foreign-invested enterprise", "students", "army, police"):
            self.assertIn(label, str(caught.exception))
        self.assertNotIn("other", str(caught.exception))

    def test_the_six_kinds_of_cell(self):
        field = self.env["party.organization"]._fields["cell_type"]
        kinds = [value for value, _label in field.selection]
        self.assertEqual(
            kinds,
            ["residential", "agency", "state_enterprise", "private_enterprise", "student",
             "armed_forces"],
        )
        cell = self.env["party.organization"].create(
            {"name": "Chi bộ Công an phường Một", "code": "T-CA", "level": "cell",
             "cell_type": "armed_forces", "parent_id": self.ward_1.id}
        )
        with self.assertRaises(ValueError):
            cell.cell_type = "other"

    def test_migration_gives_cells_of_type_other_a_kind_and_a_note(self):
        """The post-migration of 18.0.3.0.0 reads the kind in the name of each
        cell left at the old "other", else makes it an agency cell, and says
        so on its chatter; residential and agency cells are left alone."""
        Organization = self.env["party.organization"]
        names = {
            "Chi bộ Công ty TNHH May Thử": "private_enterprise",
            "Chi bộ Doanh nghiệp nhà nước Thử": "state_enterprise",
            "Chi bộ Sinh viên khóa 50": "student",
            "Chi bộ Ban Chỉ huy Quân sự phường": "armed_forces",
            "Chi bộ Công an xã Hai": "armed_forces",
            "Chi bộ Đồn Biên phòng Thử": "armed_forces",
            "Chi bộ Hội Cựu chiến binh": "agency",
            # a school's own cell is its teachers': a public service unit
            "Chi bộ Trường Tiểu học Một": "agency",
        }
        cells = Organization.create(
            [
                {"name": name, "code": f"T-MIG-{index}", "level": "cell",
                 "cell_type": "agency", "parent_id": self.ward_1.id}
                for index, name in enumerate(names)
            ]
        )
        self.env.flush_all()
        # the value the old selection stored, written as the old code did
        self.env.cr.execute(
            SQL("UPDATE party_organization SET cell_type = 'other' WHERE id IN %s",
                tuple(cells.ids))
        )
        Organization.invalidate_model(["cell_type"])
        migration = load_script(
            file_path("party_cell_meeting/migrations/18.0.3.0.0/post-migrate-cell-type.py"),
            "post_migrate_cell_type",
        )
        # the notes are written in the administrator's language
        self.env.ref("base.user_admin").lang = "en_US"
        migration.migrate(self.env.cr, "18.0.2.0.0")
        self.env.invalidate_all()
        self.assertEqual({cell.name: cell.cell_type for cell in cells}, names)
        for cell in cells:
            note = cell.message_ids[:1]
            self.assertIn('was "Other"', str(note.body))
            self.assertIn("To be checked by the office", str(note.body))
        self.assertIn("Private or Foreign-Invested Enterprise", str(cells[0].message_ids[0].body))
        self.assertEqual(
            (self.cell_a.cell_type, self.cell_b.cell_type), ("residential", "agency")
        )
        self.assertFalse(self.cell_a.message_ids.filtered(lambda m: "Other" in str(m.body)))
        # a second run finds nothing left to do
        # the notes are written in the administrator's language
        self.env.ref("base.user_admin").lang = "en_US"
        migration.migrate(self.env.cr, "18.0.2.0.0")
        self.env.invalidate_all()
        self.assertEqual(len(cells[0].message_ids.filtered(lambda m: "Other" in str(m.body))), 1)

    def test_levels_only_go_down_so_the_tree_has_no_cycle(self):
        with self.assertRefused(ValidationError, "cannot be placed under"):
            self.ward_1.parent_id = self.cell_c

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
