from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    party_meeting_day_policy = fields.Selection(
        related="company_id.party_meeting_day_policy", readonly=False
    )
