from odoo import fields, models


class PartyProposalTransfer(models.Model):
    _name = "party.proposal.transfer"
    _description = "Proposal Transfer"
    _order = "create_date desc, id desc"
    _inherit = ["party.integrity.mixin"]
    # the history of a proposal: made by the transfer, kept as it was made
    _party_system_fields = (
        "proposal_id", "from_authority_id", "to_authority_id", "reason", "user_id", "date"
    )

    proposal_id = fields.Many2one(
        "party.proposal", required=True, index=True, ondelete="cascade"
    )
    from_authority_id = fields.Many2one(
        "party.authority", ondelete="restrict"
    )
    to_authority_id = fields.Many2one(
        "party.authority", required=True, ondelete="restrict"
    )
    reason = fields.Text(required=True)
    user_id = fields.Many2one(
        "res.users", "Transferred By", required=True, default=lambda self: self.env.user
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
