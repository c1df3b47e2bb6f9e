from odoo import fields, models


class PartyNoMeetingDay(models.Model):
    _name = "party.no.meeting.day"
    _description = "Day Without Cell Meetings"
    _order = "date"
    _inherit = ["party.integrity.mixin"]
    _party_typed_dates = ("date",)

    name = fields.Char(required=True, help="e.g. Tết Nguyên đán, Quốc khánh 2/9.")
    date = fields.Date(required=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [
        (
            "date_company_uniq",
            "unique(date, company_id)",
            "This day is already listed as a day without meetings.",
        ),
    ]
