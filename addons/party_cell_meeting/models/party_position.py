from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PartyPosition(models.Model):
    _name = "party.position"
    _description = "Position"
    _order = "organization_id, role, id"
    _inherit = ["party.scope.mixin", "party.integrity.mixin"]
    _party_scope_fields = ("organization_id", "authority_id")
    _party_typed_dates = ("date_start",)

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="cascade"
    )
    organization_id = fields.Many2one(
        "party.organization",
        "Party Organization",
        index="btree_not_null",
        ondelete="restrict",
        help="The committee in which the seat is held.",
    )
    authority_id = fields.Many2one(
        "party.authority",
        "Department",
        index="btree_not_null",
        ondelete="restrict",
        help="The department, agency or mass organization the member heads.",
    )
    role = fields.Selection(
        [
            ("secretary", "Secretary"),
            ("deputy_secretary", "Deputy Secretary"),
            ("standing_member", "Standing Board Member"),
            ("committee_member", "Committee Member"),
            ("head", "Head"),
            ("deputy_head", "Deputy Head"),
        ],
        required=True,
    )
    title = fields.Char(help="The title as written in decisions, if it differs from the role.")
    date_start = fields.Date("Since")
    active = fields.Boolean(default=True)

    @api.depends("member_id", "role", "organization_id", "authority_id", "title")
    def _compute_display_name(self):
        role_labels = dict(self._fields["role"]._description_selection(self.env))
        for position in self:
            seat = position.organization_id.name or position.authority_id.name or ""
            title = position.title or role_labels.get(position.role, "")
            position.display_name = f"{position.member_id.name} – {title} {seat}".strip()

    # role is always written on create: it makes the check run when neither
    # seat is given
    @api.constrains("role", "organization_id", "authority_id")
    def _check_seat(self):
        for position in self:
            if bool(position.organization_id) == bool(position.authority_id):
                raise ValidationError(
                    self.env._(
                        "A position of %(member)s is held either in a party "
                        "organization or in a department, not both or neither.",
                        member=position.member_id.name,
                    )
                )
