from odoo import fields, models


class PartyAuthority(models.Model):
    _name = "party.authority"
    _description = "Competent Authority"
    _inherit = ["mail.thread", "party.scope.mixin"]
    _order = "name"
    _party_scope_fields = ("organization_id",)

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        [
            ("committee", "Party Committee"),
            ("department", "Department or Agency"),
            ("mass_organization", "Mass Organization"),
            ("government", "People's Committee"),
        ],
        required=True,
        default="department",
        tracking=True,
    )
    organization_id = fields.Many2one(
        "party.organization",
        "Party Organization",
        required=True,
        index=True,
        tracking=True,
        help="The party organization at whose level this authority acts; "
        "its office follows the authority's work.",
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True)
    user_ids = fields.Many2many(
        "res.users",
        string="Responsible Users",
        help="The users who answer for this authority.",
    )
    position_ids = fields.One2many("party.position", "authority_id", "Positions")
    active = fields.Boolean(default=True)
