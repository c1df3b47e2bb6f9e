from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_activity import schedule_activities
from .party_numbers import format_quarter

# Which level an organization's parent may have, in the structure of 1 July
# 2025 (Hướng dẫn 31-HD/BTCTW, Quy định 294-QĐ/TW): communes, wards and
# special zones and the provincial blocks sit under the province; grassroots
# committees and grassroots cells under them (or under the province itself);
# sub-branch committees inside a grassroots committee; cells under any of
# these. A grassroots cell (chi bộ cơ sở) holds the meetings itself, so it is
# a `cell` placed directly under its commune or block. Districts are kept for
# the records of before the reform. Every level sits strictly below the
# levels it may hang under, so the tree can have no cycle.
ALLOWED_PARENT_LEVELS = {
    "provincial": (),
    "district": ("provincial",),
    "commune": ("provincial",),
    "block": ("provincial",),
    "grassroots": ("provincial", "district", "commune", "block"),
    "branch": ("grassroots",),
    "cell": ("district", "commune", "block", "grassroots", "branch"),
}

# The committees that consolidate the cells below them: their office is told
# of missing reports, their figures are read together.
SUPERIOR_LEVELS = ("commune", "block", "district")

# The kinds of cell whose meetings differ in content (Hướng dẫn 42-HD/BTCTW,
# 28/10/2025): agenda templates are chosen by them.
CELL_TYPES = [
    ("residential", "Village, Residential Group"),
    ("agency", "Administrative Agency, Public Service Unit"),
    ("state_enterprise", "State Enterprise"),
    ("private_enterprise", "Private or Foreign-Invested Enterprise"),
    ("student", "Students"),
    ("armed_forces", "Army, Police"),
]


class PartyOrganization(models.Model):
    _name = "party.organization"
    _description = "Party Organization"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "party.scope.mixin", "party.integrity.mixin"
    ]
    _parent_store = True
    _party_scope_fields = ("parent_id",)
    _party_system_fields = ("merged_into_id",)
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
            ("district", "District (before 7/2025)"),
            ("commune", "Commune, Ward, Special Zone"),
            ("block", "Provincial Block"),
            ("grassroots", "Grassroots"),
            ("branch", "Sub-branch"),
            ("cell", "Cell"),
        ],
        required=True,
        index=True,
        tracking=True,
    )
    cell_type = fields.Selection(
        CELL_TYPES,
        tracking=True,
        help="The kind of cell, as Hướng dẫn 42-HD/BTCTW sets the content of "
        "meetings: villages and residential groups; administrative agencies and "
        "public service units; state enterprises; private and foreign-invested "
        "enterprises; students; the army and the police.",
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
    superior_id = fields.Many2one(
        "party.organization",
        "Superior Committee",
        compute="_compute_superior_id",
        recursive=True,
        store=True,
        index="btree_not_null",
        help="The committee directly above that consolidates this organization's "
        "cells: its commune, ward or special zone, its provincial block (or, for "
        "records of before 7/2025, its district); else the province. Its office "
        "is told of missing reports.",
    )
    merged_into_id = fields.Many2one(
        "party.organization",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
        help="The organization this one was merged into when the structure changed.",
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

    @api.model
    def get_import_templates(self):
        """The spreadsheet an office fills to load its organizations: Vietnamese
        headers, organizations matched by their code."""
        return [
            {
                "label": self.env._("Import Template for Organizations"),
                "template": "/party_cell_meeting/static/xls/party_organization_import.xlsx",
            }
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

    @api.depends("level", "parent_id.superior_id")
    def _compute_superior_id(self):
        # a consolidating committee and a root are their own superior, so that
        # the figures of a ward read under the ward
        for organization in self:
            if organization.level in SUPERIOR_LEVELS or not organization.parent_id:
                organization.superior_id = organization
            else:
                organization.superior_id = organization.parent_id.superior_id

    def write(self, vals):
        result = super().write(vals)
        if {"parent_id", "level"} & set(vals):
            self._meetings_follow_new_superior()
        return result

    def _meetings_follow_new_superior(self):
        """The meetings still to hold by the cells below these organizations
        move under the cells' new superior committee; meetings held or
        cancelled keep the committee of their day."""
        meetings = self.env["party.meeting"].sudo().search(
            [("cell_id", "child_of", self.ids), ("state", "=", "planned")]
        )
        meetings._take_cell_superior()

    # ------------------------------------------------------------------
    # Reorganization (the mergers of 2025)
    # ------------------------------------------------------------------

    def _check_reorganizable(self):
        """Refuse to reorganize what the current user's office does not keep:
        an office reorganizes only inside its own subtree."""
        if not self.env.su and not self.env.user.has_group("party_cell_meeting.group_party_office"):
            raise UserError(self.env._("Only a party office reorganizes organizations."))
        self.check_access("write")

    def _holds(self, organization):
        """organization is one of these or lies below one of them."""
        return organization.parent_path.startswith(tuple(self.mapped("parent_path")))

    def _move_under(self, new_parent):
        """Place these organizations under new_parent; their cells keep their
        history and their meetings still to hold follow them."""
        (self | new_parent)._check_reorganizable()
        if self._holds(new_parent):
            raise UserError(
                self.env._(
                    "%(organization)s is inside what is moved: choose a new parent "
                    "outside it.",
                    organization=new_parent.name,
                )
            )
        old_parents = {organization: organization.parent_id for organization in self}
        # one write: the planned meetings below follow in one search
        self.write({"parent_id": new_parent.id})
        for organization, old_parent in old_parents.items():
            organization._party_log(
                self.env._(
                    "Moved from %(old)s to %(new)s.",
                    old=old_parent.display_name or "-",
                    new=new_parent.display_name,
                )
            )
        return True

    def _merge_into(self, target):
        """Merge these organizations into target, as the communes and wards
        of 2025 were merged: their sub-organizations, members, positions and
        office users move to target; each is archived with merged_into_id
        set. Meetings, reports, scores and figures of the past stay with the
        cells they were held in, so past periods read as they were. target:
        a record or an id."""
        target = self.browse(target) if isinstance(target, int) else target
        target.ensure_one()
        (self | target)._check_reorganizable()
        if self._holds(target):
            raise UserError(
                self.env._(
                    "%(target)s is one of the organizations merged, or lies "
                    "inside them: merge into another organization.",
                    target=target.name,
                )
            )
        if not target.active:
            raise UserError(
                self.env._("%(target)s is archived: merge into an organization in use.",
                           target=target.name)
            )
        if any(organization.company_id != target.company_id for organization in self):
            raise UserError(
                self.env._("Organizations of different companies cannot be merged.")
            )
        cells = self.filtered(lambda organization: organization.level == "cell")
        if cells and target.level != "cell":
            raise UserError(
                self.env._("A cell is merged into another cell, not into %(target)s.",
                           target=target.name)
            )
        assigned = self.env["party.assignment"].sudo().search(
            [("cell_id", "in", cells.ids), ("state", "=", "in_force")], limit=1
        )
        if assigned:
            raise UserError(
                self.env._(
                    "%(cadre)s is assigned to %(cell)s by decision %(decision)s in "
                    "force: end that assignment, or have a new decision assign "
                    "cadres to %(target)s, before merging the cell.",
                    cadre=assigned.cadre_id.name,
                    cell=assigned.cell_id.name,
                    decision=assigned.decision_id.name,
                    target=target.name,
                )
            )
        system = self.sudo()
        children = system.child_ids
        children._move_under(target.sudo())
        system.member_ids.write({"organization_id": target.id})
        system.position_ids.write({"organization_id": target.id})
        offices = self.env["res.users"].sudo().with_context(active_test=False).search(
            [("party_organization_ids", "in", self.ids)]
        )
        offices.write(
            {
                "party_organization_ids": [
                    *(Command.unlink(organization.id) for organization in self),
                    Command.link(target.id),
                ]
            }
        )
        planned = self.env["party.meeting"].sudo().search(
            [("cell_id", "in", cells.ids), ("state", "=", "planned")]
        )
        if planned:
            # cancelled as a user would, so the cadres' invitations are withdrawn
            planned.write(
                {"cancel_reason": self.env._("The cell was merged into %(target)s.",
                                             target=target.name)}
            )
            planned.action_cancel()
        self._party_system().write({"merged_into_id": target.id, "active": False})
        for organization in self:
            organization._party_log(
                self.env._("Merged into %(target)s.", target=target.display_name)
            )
        target._party_log(
            self.env._(
                "%(organizations)s merged into this organization.",
                organizations=", ".join(self.mapped("display_name")),
            )
        )
        return True

    def _dissolve(self):
        """Archive organizations whose cells, members and cadres all went
        elsewhere; refuse while anything would be left behind."""
        self._check_reorganizable()
        system = self.sudo()

        def holders(Model, field, domain):
            return {
                record for (record,) in self.env[Model].sudo()._read_group(
                    [(field, "in", self.ids), *domain], [field]
                )
            }

        left_behind = [
            (self.env._("sub-organizations"), set(system.child_ids.parent_id)),
            (self.env._("members"), set(system.member_ids.organization_id)),
            (self.env._("assignments in force"),
             holders("party.assignment", "cell_id", [("state", "=", "in_force")])),
            (self.env._("planned meetings"),
             holders("party.meeting", "cell_id", [("state", "=", "planned")])),
        ]
        for organization in system:
            left = [label for label, holding in left_behind if organization in holding]
            if left:
                raise UserError(
                    self.env._(
                        "%(organization)s still has %(left)s: move or merge them "
                        "before dissolving it.",
                        organization=organization.name,
                        left=", ".join(left),
                    )
                )
        self._party_system().write({"active": False})
        for organization in self:
            organization._party_log(self.env._("Dissolved."))
        return True

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
        untyped = self.filtered(
            lambda organization: organization.level == "cell" and not organization.cell_type
        )
        if untyped:
            labels = self._fields["cell_type"]._description_selection(self.env)
            raise ValidationError(
                self.env._(
                    "Set the type of the cell %(name)s (%(types)s).",
                    name=untyped[0].name,
                    types="; ".join(label.lower() for _value, label in labels),
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
                        "|", ("kind", "=", "thematic"), ("combined", "=", True),
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
        quarter = (quarter_start.month - 1) // 3 + 1

        def note(cell):
            env = cell.with_context(lang=cell.secretary_id.user_id.lang).env
            return env._(
                "The cell held no thematic meeting in %(quarter)s: plan one this quarter.",
                quarter=format_quarter(env, quarter, quarter_start.year),
            )

        schedule_activities(
            activity_type,
            [
                (cell, cell.secretary_id.user_id, today + relativedelta(months=1), note(cell))
                for cell in cells
                if cell.id not in already_asked
            ],
        )

    def _party_rule(self, name, date=None):
        """The setting name (see party_organization_rule.RULE_NAMES) in force
        for this organization on date (today by default): decided by the
        nearest committee up the tree, else the default."""
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        return self.env["party.organization.rule"]._values_for(name, [(self, date)])[(self, date)]

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
