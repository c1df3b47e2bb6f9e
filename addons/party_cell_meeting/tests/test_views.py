from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import PartyCellMeetingCase


@tagged("post_install", "-at_install")
class TestViewsPerRole(PartyCellMeetingCase):
    """Every window action of the addon opens for the roles whose menus show
    it: its views load and its first page of records reads."""

    def open_action(self, user, xmlid):
        action = self.env.ref(xmlid).sudo()
        Model = self.env[action.res_model].with_user(user)
        view_types = [(False, view_type) for view_type in action.view_mode.split(",")]
        views = Model.get_views(view_types + [(False, "search")])
        self.assertEqual(set(views["views"]), {vt for _, vt in view_types} | {"search"})
        first_view = views["views"][view_types[0][1]]
        # read what the first view shows, as the web client does
        fields = Model.fields_get(attributes=["type"])
        specification = {
            name: {"fields": {"display_name": {}}} if description["type"] == "many2one" else {}
            for name, description in fields.items()
            if description["type"] not in ("one2many", "many2many", "binary")
            and f'name="{name}"' in first_view["arch"]
        }
        domain = safe_eval(action.domain or "[]", {"uid": user.id})
        records = Model.web_search_read(domain=domain, specification=specification, limit=80)
        return records["records"]

    def test_office_opens_every_action(self):
        for xmlid in (
            "party_cell_meeting.party_meeting_action",
            "party_cell_meeting.party_meeting_action_mine",
            "party_cell_meeting.party_meeting_attendance_action",
            "party_cell_meeting.party_assignment_decision_action",
            "party_cell_meeting.party_assignment_action",
            "party_cell_meeting.party_organization_action",
            "party_cell_meeting.party_organization_action_cells",
            "party_cell_meeting.party_member_action",
            "party_cell_meeting.party_member_action_cadres",
            "party_cell_meeting.party_position_action",
            "party_cell_meeting.party_authority_action",
        ):
            with self.subTest(action=xmlid):
                self.open_action(self.user_office_ward_1, xmlid)

    def test_cadre_opens_their_meetings_and_assignments(self):
        meetings = self.open_action(
            self.user_cadre, "party_cell_meeting.party_meeting_action_mine"
        )
        self.assertIn(self.meeting_a.id, [record["id"] for record in meetings])
        self.assertNotIn(self.meeting_c.id, [record["id"] for record in meetings])
        assignments = self.open_action(
            self.user_cadre, "party_cell_meeting.party_assignment_action"
        )
        self.assertEqual([record["id"] for record in assignments], self.assignment_cadre.ids)
        self.open_action(self.user_cadre, "party_cell_meeting.party_assignment_decision_action")

    def test_secretary_and_member_open_the_meetings(self):
        for user in (self.user_secretary, self.user_member):
            with self.subTest(user=user.login):
                meetings = self.open_action(user, "party_cell_meeting.party_meeting_action")
                self.assertEqual([record["id"] for record in meetings], self.meeting_a.ids)
                self.open_action(user, "party_cell_meeting.party_organization_action_cells")

    def test_meeting_form_reads_for_the_cadre(self):
        self.meeting_a.action_load_attendance()
        meeting = self.meeting_a.with_user(self.user_cadre)
        form = meeting.get_views([(False, "form")])["views"]["form"]
        self.assertIn("attendance_ids", form["arch"])
        values = meeting.web_read(
            {
                "display_name": {},
                "cell_id": {"fields": {"display_name": {}}},
                "attendance_ids": {
                    "fields": {"member_id": {"fields": {"display_name": {}}}, "status": {}}
                },
            }
        )[0]
        self.assertEqual(len(values["attendance_ids"]), 5)
        names = [line["member_id"]["display_name"] for line in values["attendance_ids"]]
        self.assertIn("Lê Thị Phó", names)


@tagged("post_install", "-at_install")
class TestStateColumns(PartyCellMeetingCase):
    def test_state_columns_are_not_dragged_across(self):
        """A state moves with the buttons: the kanbans grouped by state do not
        let a card be dropped into another state (the write would be refused)."""
        for model in ("party.meeting", "party.proposal"):
            arch = self.env[model].get_view(view_type="kanban")["arch"]
            kanban = etree.fromstring(arch)
            self.assertEqual(kanban.get("default_group_by"), "state", model)
            self.assertEqual(kanban.get("records_draggable"), "false", model)
