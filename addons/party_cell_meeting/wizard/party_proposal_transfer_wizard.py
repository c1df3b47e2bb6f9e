from odoo import fields, models


class PartyProposalTransferWizard(models.TransientModel):
    _name = "party.proposal.transfer.wizard"
    _description = "Transfer Proposals to Another Authority"

    proposal_ids = fields.Many2many("party.proposal", string="Proposals", required=True)
    authority_id = fields.Many2one("party.authority", "New Authority", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.proposal_ids.action_transfer(self.authority_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
