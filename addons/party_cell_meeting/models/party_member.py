import datetime

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# No member living since the Party's founding was born before this day.
EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)


class PartyMember(models.Model):
    _name = "party.member"
    _description = "Party Member"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "party.scope.mixin", "party.integrity.mixin"
    ]
    _party_typed_dates = ("date_admitted",)
    _order = "name, id"
    _party_scope_fields = ("organization_id",)
    # a member is found by their card number too (imports of assignments)
    _rec_names_search = ["name", "card_number"]

    name = fields.Char(required=True, tracking=True)
    card_number = fields.Char("Party Card Number", tracking=True)
    user_id = fields.Many2one(
        "res.users",
        index="btree_not_null",
        tracking=True,
        help="The Odoo user of this member; cadres and secretaries act through it.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        "Contact",
        help="Where invitations and reminders are sent. Defaults to the "
        "user's contact.",
    )
    email = fields.Char(related="partner_id.email", readonly=False)
    phone = fields.Char(related="partner_id.phone", readonly=False)
    organization_id = fields.Many2one(
        "party.organization",
        "Home Cell",
        required=True,
        index=True,
        tracking=True,
        domain="[('level', '=', 'cell')]",
        help="The cell where this member is registered and attends meetings.",
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True)
    status = fields.Selection(
        [("official", "Official"), ("probationary", "Probationary")],
        required=True,
        default="official",
        tracking=True,
    )
    birth_date = fields.Date()
    date_admitted = fields.Date(
        "Admitted On", help="Date of admission to the Party."
    )
    is_exempt = fields.Boolean(
        "Exempt from Meetings",
        tracking=True,
        help="Members exempted from regular meetings (age, health) are left "
        "out of attendance rates.",
    )
    position_ids = fields.One2many("party.position", "member_id", "Positions")
    assignment_ids = fields.One2many("party.assignment", "cadre_id", "Assignments")
    is_cadre = fields.Boolean(
        compute="_compute_is_cadre",
        store=True,
        help="Holds an active seat in a committee above the cells, or heads a "
        "department: the members who can be assigned to attend cell meetings.",
    )
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        (
            "user_uniq",
            "unique(user_id)",
            "A user can be linked to one party member only.",
        ),
    ]

    @api.model
    def get_import_templates(self):
        """The spreadsheet an office fills to load its members: Vietnamese
        headers, organizations matched by their code."""
        return [
            {
                "label": self.env._("Import Template for Members"),
                "template": "/party_cell_meeting/static/xls/party_member_import.xlsx",
            }
        ]

    @api.depends(
        "position_ids.active",
        "position_ids.authority_id",
        "position_ids.organization_id.level",
    )
    def _compute_is_cadre(self):
        for member in self:
            member.is_cadre = any(
                position.active
                and (position.authority_id or position.organization_id.level != "cell")
                for position in member.position_ids
            )

    @api.onchange("user_id")
    def _onchange_user_id(self):
        if self.user_id and not self.partner_id:
            self.partner_id = self.user_id.partner_id

    @api.model_create_multi
    def create(self, vals_list):
        users = self.env["res.users"].browse(
            [vals["user_id"] for vals in vals_list if vals.get("user_id")]
        )
        partner_by_user = {user.id: user.partner_id.id for user in users}
        for vals in vals_list:
            if vals.get("user_id") and not vals.get("partner_id"):
                vals["partner_id"] = partner_by_user[vals["user_id"]]
        members = super().create(vals_list)
        if users:
            # record rules read user.party_member_id: their cached domains are stale
            self.env.registry.clear_cache()
        return members

    @api.constrains("birth_date")
    def _check_birth_date(self):
        today = fields.Date.context_today(self)
        for member in self:
            if member.birth_date and not (
                EARLIEST_BIRTH_DATE <= member.birth_date <= today
            ):
                raise ValidationError(
                    self.env._(
                        "%(member)s: a birth date is in the past, and after 1900.",
                        member=member.name,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if "user_id" in vals or "active" in vals:
            self.env.registry.clear_cache()
        return result
