from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    party_meeting_day = fields.Integer(related="company_id.party_meeting_day", readonly=False)
    party_report_due_day = fields.Integer(
        related="company_id.party_report_due_day", readonly=False
    )
    party_reminder_days = fields.Integer(
        related="company_id.party_reminder_days", readonly=False
    )
    party_proposal_days = fields.Integer(
        related="company_id.party_proposal_days", readonly=False
    )
    party_year_theme = fields.Char(related="company_id.party_year_theme", readonly=False)
