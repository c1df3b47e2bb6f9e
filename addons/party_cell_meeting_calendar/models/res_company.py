from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    party_meeting_day_policy = fields.Selection(
        [("warn", "Warn, the Organizer Confirms"), ("block", "Refuse")],
        "Conferences on the Meeting Day",
        default="warn",
        required=True,
        help="A conference calling an assigned cadre on their cell meeting day: "
        "shown with a warning the organizer must confirm, or refused.",
    )
