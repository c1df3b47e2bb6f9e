from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PartyCellMeetingCase


@tagged("post_install", "-at_install")
class TestAgendaTemplate(PartyCellMeetingCase):
    """The order of business written into each new meeting: the template of
    the nearest committee above the cell, made for its kind of cell and kind
    of meeting, or for any."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.party_no_meeting_day_ids.unlink()
        Template = cls.env["party.agenda.template"]
        # the shipped templates are set aside: the tests make their own
        Template.search([]).action_archive()
        cls.generic, cls.residential, cls.thematic, cls.province_residential = Template.create(
            [
                {"name": "Mọi chi bộ", "agenda": "<p>Chương trình chung</p>",
                 "minutes_outline": "<p>Biên bản chung</p>"},
                {"name": "Chi bộ thôn", "cell_type": "residential", "meeting_kind": "regular",
                 "agenda": "<p>Chương trình chi bộ thôn</p>",
                 "minutes_outline": "<p>Biên bản chi bộ thôn</p>"},
                {"name": "Chuyên đề", "meeting_kind": "thematic",
                 "agenda": "<p>Chương trình chuyên đề</p>",
                 "minutes_outline": "<p>Biên bản chuyên đề</p>"},
                {"name": "Chi bộ thôn của tỉnh", "cell_type": "residential",
                 "meeting_kind": "regular", "organization_id": cls.province.id,
                 "agenda": "<p>Chương trình của Tỉnh ủy</p>",
                 "minutes_outline": "<p>Biên bản của Tỉnh ủy</p>"},
            ]
        )
        cls.ward_override = Template.create(
            {"name": "Phường Một", "organization_id": cls.ward_1.id,
             "agenda": "<p>Chương trình của phường Một</p>",
             "minutes_outline": "<p>Biên bản của phường Một</p>"}
        )
        cls.Template = Template
        cls.Meeting = cls.env["party.meeting"]

    def in_force(self, cell, kind="regular"):
        template_id = self.Template._get_for_cells([cell.id], kind)[0]
        return self.Template.browse(template_id)

    def test_the_nearest_committee_wins(self):
        # the ward's template, though made for any kind, before the province's
        self.assertEqual(self.in_force(self.cell_a), self.ward_override)
        self.assertEqual(self.in_force(self.cell_b), self.ward_override)
        # ward 2 has none of its own: the province's, for its residential cell
        self.assertEqual(self.in_force(self.cell_c), self.province_residential)

    def test_kind_specific_before_generic(self):
        self.province_residential.action_archive()
        self.assertEqual(self.in_force(self.cell_c), self.residential)
        # an agency cell has no template of its kind: the generic one
        self.assertEqual(self.in_force(self.cell_agency), self.generic)
        self.assertEqual(self.in_force(self.cell_c, "thematic"), self.thematic)
        # an extraordinary meeting takes only a template made for any kind
        self.assertEqual(self.in_force(self.cell_c, "extraordinary"), self.generic)

    def test_no_template_no_agenda(self):
        (self.generic | self.thematic).action_archive()
        self.assertFalse(self.in_force(self.cell_agency, "thematic"))
        meeting = self.create_meeting(self.cell_agency, "2026-05-20", kind="thematic")
        self.assertFalse(meeting.agenda)

    def test_generated_meetings_get_agenda_and_minutes(self):
        self.province_residential.action_archive()
        meetings = self.Meeting._generate_regular_meetings("2026-04")
        by_cell = {meeting.cell_id: meeting for meeting in meetings}
        self.assertEqual(len(by_cell), 4)
        expected = {
            self.cell_a: self.ward_override,
            self.cell_b: self.ward_override,
            self.cell_c: self.residential,
            self.cell_agency: self.generic,
        }
        for cell, template in expected.items():
            with self.subTest(cell=cell.name):
                self.assertEqual(by_cell[cell].agenda, template.agenda)
                self.assertEqual(by_cell[cell].minutes, template.minutes_outline)

    def test_generation_resolves_templates_without_a_query_per_cell(self):
        Organization = self.env["party.organization"]
        cells = Organization.create(
            [
                {"name": f"Chi bộ thôn {index}", "code": f"T-Q{index}", "level": "cell",
                 "cell_type": "residential", "parent_id": self.ward_2.id}
                for index in range(20)
            ]
        )
        self.env.flush_all()

        def queries(cell_ids):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            template_ids = self.Template._get_for_cells(cell_ids, "regular")
            self.assertEqual(set(template_ids), {self.province_residential.id})
            return self.env.cr.sql_log_count - before

        self.assertEqual(queries(cells[:1].ids), queries(cells.ids))

    def test_orm_created_meeting_gets_agenda_and_minutes(self):
        meeting = self.create_meeting(self.cell_c, "2026-05-20", kind="thematic")
        self.assertEqual(meeting.agenda, self.thematic.agenda)
        self.assertEqual(meeting.minutes, self.thematic.minutes_outline)
        # the meetings of the fixture, made before these templates, took the
        # shipped one of residential cells
        shipped = self.env.ref("party_cell_meeting.party_agenda_template_cell_residential")
        self.assertEqual(self.meeting_a.agenda, shipped.agenda)
        self.assertIn("Nhiệm vụ, giải pháp tháng tới", str(self.meeting_a.agenda))
        self.assertIn("Chủ trì", str(self.meeting_a.minutes))

    def test_given_agenda_is_kept(self):
        meeting = self.create_meeting(
            self.cell_c, "2026-05-20", kind="thematic", agenda="<p>Chương trình riêng</p>"
        )
        self.assertEqual(str(meeting.agenda), "<p>Chương trình riêng</p>")
        self.assertEqual(meeting.minutes, self.thematic.minutes_outline)

    def test_changing_a_template_leaves_planned_meetings_alone(self):
        meeting = self.create_meeting(self.cell_c, "2026-05-20", kind="thematic")
        self.thematic.agenda = "<p>Chương trình mới</p>"
        self.assertIn("Chương trình chuyên đề", str(meeting.agenda))
        later = self.create_meeting(self.cell_c, "2026-05-27", kind="thematic")
        self.assertIn("Chương trình mới", str(later.agenda))

    def test_member_and_cadre_cannot_write_templates(self):
        for user in (self.user_member, self.user_cadre, self.user_secretary):
            with self.subTest(user=user.login):
                template = self.generic.with_user(user)
                self.assertTrue(template.agenda)  # read
                with self.assertRaises(AccessError):
                    template.write({"agenda": "<p>Sửa</p>"})
                with self.assertRaises(AccessError):
                    self.Template.with_user(user).create({"name": "Mới"})

    def test_ward_office_keeps_only_its_own_templates(self):
        Template = self.Template.with_user(self.user_office_ward_1)
        with self.assertRaises(AccessError):
            self.province_residential.with_user(self.user_office_ward_1).write(
                {"agenda": "<p>Sửa của tỉnh</p>"}
            )
        with self.assertRaises(AccessError):
            self.generic.with_user(self.user_office_ward_1).write({"agenda": "<p>Sửa</p>"})
        with self.assertRaises(AccessError):
            Template.create({"name": "Mọi chi bộ của phường"})
        with self.assertRaises(AccessError):
            Template.create({"name": "Xã Hai", "organization_id": self.ward_2.id})
        own = Template.create(
            {"name": "Chi bộ thôn phường Một", "cell_type": "residential",
             "organization_id": self.ward_1.id, "agenda": "<p>Của phường</p>"}
        )
        own.write({"agenda": "<p>Của phường, đã sửa</p>"})
        # nor can it move its template out of its ward
        with self.assertRaises(AccessError):
            own.write({"organization_id": self.province.id})
        self.assertEqual(self.in_force(self.cell_a), own)

    def test_office_makes_a_version_for_its_organization(self):
        action = self.province_residential.with_user(self.user_office_ward_1).action_make_version()
        version = self.Template.browse(action["res_id"])
        self.assertEqual(version.organization_id, self.ward_1)
        self.assertEqual(version.agenda, self.province_residential.agenda)
        self.assertEqual(version.cell_type, "residential")
        self.assertIn("Đảng bộ phường Một", version.name)
        self.assertEqual(self.province_residential.organization_id, self.province)
        self.assertEqual(self.in_force(self.cell_a), version)

    def test_shipped_templates_cover_every_kind_of_cell(self):
        shipped = self.Template.with_context(active_test=False).search(
            [("organization_id", "=", False),
             ("id", "not in", (self.generic | self.residential | self.thematic).ids)]
        )
        kinds = self.env["party.organization"]._fields["cell_type"].get_values(self.env)
        regular = shipped.filtered(lambda t: t.meeting_kind == "regular")
        self.assertEqual(sorted(regular.mapped("cell_type")), sorted(kinds))
        self.assertEqual(shipped.filtered(lambda t: t.meeting_kind == "thematic").cell_type, False)
        for template in shipped:
            with self.subTest(template=template.name):
                self.assertIn("PHẦN MỞ ĐẦU", str(template.agenda))
                self.assertIn("Chủ trì", str(template.minutes_outline))

    def test_multi_company_office_reads_only_its_company(self):
        other = self.env["res.company"].create({"name": "Tỉnh ủy khác"})
        province_b = self.env["party.organization"].create(
            {"name": "Đảng bộ tỉnh khác", "code": "T-B", "level": "provincial",
             "company_id": other.id}
        )
        foreign = self.Template.create(
            {"name": "Của tỉnh khác", "organization_id": province_b.id}
        )
        self.user_member.company_ids = [Command.link(self.env.company.id)]
        visible = self.Template.with_user(self.user_member).search([])
        self.assertNotIn(foreign, visible)
        self.assertIn(self.generic, visible)
