from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    party_member_ids = fields.One2many("party.member", "user_id", "Party Member Records")
    party_member_id = fields.Many2one(
        "party.member",
        compute="_compute_party_member_id",
        search="_search_party_member_id",
        help="The party member record of this user.",
    )
    party_organization_ids = fields.Many2many(
        "party.organization",
        "party_organization_office_user_rel",
        "user_id",
        "organization_id",
        string="Office for Organizations",
        help="The organizations whose office this user works for: the user "
        "sees and manages everything below them.",
    )

    @api.depends("party_member_ids")
    def _compute_party_member_id(self):
        for user in self:
            user.party_member_id = user.party_member_ids[:1]

    def _search_party_member_id(self, operator, value):
        return [("party_member_ids", operator, value)]

    def write(self, vals):
        result = super().write(vals)
        if "party_organization_ids" in vals:
            # office record rules are computed from these organizations
            self.env.registry.clear_cache()
        return result
