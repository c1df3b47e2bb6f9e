from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_activity import schedule_activities

# Which level an organization's parent may have: a cell belongs to a
# grassroots committee, or directly to a district committee (cells of
# agencies attached to the district); the province is the root. Levels only
# go down the tree, so the tree can have no cycle.
ALLOWED_PARENT_LEVELS = {
    "provincial": (),
    "district": ("provincial",),
    "grassroots": ("district", "provincial"),
    "cell": ("grassroots", "district"),
}


class PartyOrganization(models.Model):
    _name = "party.organization"
    _description = "Party Organization"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "party.scope.mixin", "party.integrity.mixin"
    ]
    _parent_store = True
    _party_scope_fields = ("parent_id",)
    # the short name reads well on a phone; the path finds it in searches
    _rec_names_search = ["complete_name", "code"]
    _order = "complete_name"

    name = fields.Char(required=True, tracking=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", recursive=True, store=True, index="trigram"
    )
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short unique code used in lists and exports, e.g. TU, HU-HL, CB-TH01.",
    )
    level = fields.Selection(
        [
            ("provincial", "Provincial"),
            ("district", "District"),
            ("grassroots", "Grassroots"),
            ("cell", "Cell"),
        ],
        required=True,
        index=True,
        tracking=True,
    )
    cell_type = fields.Selection(
        [
            ("residential", "Residential"),
            ("agency", "Agency"),
            ("other", "Other"),
        ],
        tracking=True,
        help="Residential cells are those of villages, hamlets and residential "
        "groups; agency cells those of agencies and units.",
    )
    is_special = fields.Boolean(
        "Special Commune",
        help="Cells of special communes are attended by department heads "
        "under the province's decision.",
    )
    parent_id = fields.Many2one(
        "party.organization",
        "Parent Organization",
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    parent_path = fields.Char(index=True)
    district_id = fields.Many2one(
        "party.organization",
        "District Committee",
        compute="_compute_district_id",
        recursive=True,
        store=True,
        index="btree_not_null",
        help="The district-level committee this organization belongs to; its "
        "office consolidates the cells below it.",
    )
    child_ids = fields.One2many("party.organization", "parent_id", "Sub-organizations")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True, tracking=True)
    member_ids = fields.One2many("party.member", "organization_id", "Members")
    member_count = fields.Integer(compute="_compute_member_count")
    position_ids = fields.One2many("party.position", "organization_id", "Positions")
    secretary_id = fields.Many2one(
        "party.member",
        compute="_compute_secretary_id",
        store=True,
        index="btree_not_null",
        help="The member holding the position of secretary of this organization.",
    )
    assignment_ids = fields.One2many("party.assignment", "cell_id", "Assigned Cadres")
    has_principal_cadre = fields.Boolean(
        compute="_compute_has_principal_cadre",
        search="_search_has_principal_cadre",
        help="A principal cadre is assigned to this cell today.",
    )
    meeting_ids = fields.One2many("party.meeting", "cell_id", "Meetings")
    meeting_count = fields.Integer(compute="_compute_meeting_count")
    note = fields.Html()

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of a party organization must be unique.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for organization in self:
            if organization.parent_id:
                organization.complete_name = (
                    f"{organization.parent_id.complete_name} / {organization.name}"
                )
            else:
                organization.complete_name = organization.name

    @api.depends("level", "parent_id.district_id")
    def _compute_district_id(self):
        for organization in self:
            if organization.level == "district":
                organization.district_id = organization
            else:
                organization.district_id = organization.parent_id.district_id

    def _principal_in_force_domain(self):
        Assignment = self.env["party.assignment"]
        return [("role", "=", "principal")] + Assignment._in_force_domain(
            fields.Date.context_today(self)
        )

    def _compute_has_principal_cadre(self):
        covered = self.env["party.assignment"]._read_group(
            [("cell_id", "in", self.ids)] + self._principal_in_force_domain(),
            ["cell_id"],
        )
        covered_cells = {cell for (cell,) in covered}
        for organization in self:
            organization.has_principal_cadre = organization in covered_cells

    def _search_has_principal_cadre(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported."))
        covered = [("assignment_ids", "any", self._principal_in_force_domain())]
        return covered if (operator == "=") == value else ["!", *covered]

    def _compute_member_count(self):
        counts = dict(
            self.env["party.member"]._read_group(
                [("organization_id", "in", self.ids)],
                ["organization_id"],
                ["__count"],
            )
        )
        for organization in self:
            organization.member_count = counts.get(organization, 0)

    def _compute_meeting_count(self):
        counts = dict(
            self.env["party.meeting"]._read_group(
                [("cell_id", "in", self.ids)], ["cell_id"], ["__count"]
            )
        )
        for organization in self:
            organization.meeting_count = counts.get(organization, 0)

    @api.depends("position_ids.role", "position_ids.active", "position_ids.member_id")
    def _compute_secretary_id(self):
        for organization in self:
            secretaries = organization.position_ids.filtered(
                lambda position: position.role == "secretary" and position.active
            )
            organization.secretary_id = secretaries[:1].member_id

    @api.constrains("level", "parent_id")
    def _check_level_follows_tree(self):
        level_labels = dict(self._fields["level"]._description_selection(self.env))
        for organization in self:
            allowed = ALLOWED_PARENT_LEVELS[organization.level]
            parent = organization.parent_id
            if not allowed and parent:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a provincial organization: it cannot have "
                        "a parent organization.",
                        name=organization.name,
                    )
                )
            if allowed and not parent:
                raise ValidationError(
                    self.env._(
                        "%(name)s needs a parent organization.",
                        name=organization.name,
                    )
                )
            if parent and parent.level not in allowed:
                raise ValidationError(
                    self.env._(
                        "A %(level)s organization cannot be placed under a "
                        "%(parent_level)s organization (%(name)s under %(parent)s).",
                        level=level_labels[organization.level].lower(),
                        parent_level=level_labels[parent.level].lower(),
                        name=organization.name,
                        parent=parent.name,
                    )
                )

    @api.constrains("level", "cell_type")
    def _check_cell_type(self):
        for organization in self:
            if organization.level == "cell" and not organization.cell_type:
                raise ValidationError(
                    self.env._(
                        "Set the type of the cell %(name)s (residential, agency "
                        "or other).",
                        name=organization.name,
                    )
                )

    @api.onchange("level")
    def _onchange_level(self):
        if self.level != "cell":
            self.cell_type = False
        elif not self.cell_type:
            self.cell_type = "residential"

    @api.model
    def _cron_check_thematic_meetings(self):
        """Quarterly: ask the secretary of each cell that held no thematic
        meeting in the quarter just ended to hold one. A cell that already
        has such an activity open gets no second one."""
        today = fields.Date.context_today(self)
        quarter_end = today.replace(day=1, month=(today.month - 1) // 3 * 3 + 1)
        quarter_start = quarter_end - relativedelta(months=3)
        cells = self.search(
            [
                ("level", "=", "cell"),
                ("secretary_id.user_id", "!=", False),
                (
                    "meeting_ids",
                    "not any",
                    [
                        ("kind", "=", "thematic"),
                        ("state", "=", "held"),
                        ("date", ">=", quarter_start),
                        ("date", "<", quarter_end),
                    ],
                ),
            ]
        )
        activity_type = self.env.ref("party_cell_meeting.mail_activity_type_thematic_meeting")
        already_asked = {
            res_id
            for (res_id,) in self.env["mail.activity"]._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", cells.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
        }
        quarter = f"{(quarter_start.month - 1) // 3 + 1}/{quarter_start.year}"
        schedule_activities(
            activity_type,
            [
                (
                    cell,
                    cell.secretary_id.user_id,
                    today + relativedelta(months=1),
                    cell.with_context(lang=cell.secretary_id.user_id.lang).env._(
                        "The cell held no thematic meeting in quarter %(quarter)s: "
                        "plan one this quarter.",
                        quarter=quarter,
                    ),
                )
                for cell in cells
                if cell.id not in already_asked
            ],
        )

    def _is_kept_by_current_user(self):
        """The current user keeps this cell's record (scores its meetings,
        corrects their attendance): its secretary, the party office, or the
        system."""
        self.ensure_one()
        user = self.env.user
        return (
            self.env.su
            or user.has_group("party_cell_meeting.group_party_office")
            or self.sudo().secretary_id.user_id == user
        )

    def action_view_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_cell_meeting.party_meeting_action"
        )
        action["domain"] = [("cell_id", "child_of", self.id)]
        action["context"] = {"default_cell_id": self.id if self.level == "cell" else False}
        return action

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_cell_meeting.party_member_action"
        )
        action["domain"] = [("organization_id", "child_of", self.id)]
        action["context"] = {
            "default_organization_id": self.id if self.level == "cell" else False
        }
        return action
