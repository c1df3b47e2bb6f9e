from odoo import api, fields, models


class PartyScoreCriterion(models.Model):
    _name = "party.score.criterion"
    _description = "Meeting Scoring Criterion"
    _order = "template_id, sequence, id"
    _inherit = ["party.integrity.mixin"]
    _party_owner_fields = ("template_id",)

    template_id = fields.Many2one(
        "party.score.template", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    section = fields.Char(help="The part of the rubric the criterion belongs to.")
    name = fields.Char("Criterion", required=True)
    guidance = fields.Text(help="How to score this criterion.")
    max_points = fields.Float("Maximum Points", required=True, digits=(6, 2))
    must_be_max = fields.Boolean(
        "Required at Maximum for Excellent",
        help="A meeting below the maximum on this criterion is at best good, "
        "whatever its total.",
    )
    suggest_from = fields.Selection(
        [("attendance", "Attendance"), ("duration", "Duration")],
        "Suggested From",
        help="Attendance: the points are suggested from the meeting's "
        "attendance (90 % present or more: 4 of 5; 75 to 90 %: 3; 65 to 75 %: 2; "
        "below 65 % or any unexcused absence: 1; plus 1 when no member was "
        "excused more than 3 times in a row this year), scaled to the maximum. "
        "Duration: the maximum when the meeting lasted at least the minimum in "
        "force for its cell, none when it was shorter or its end was not recorded.",
    )

    _sql_constraints = [
        (
            "max_points_positive",
            "CHECK(max_points > 0)",
            "The maximum points of a criterion must be above zero.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        templates = self.env["party.score.template"].browse(
            {vals["template_id"] for vals in vals_list if vals.get("template_id")}
        )
        templates._check_not_used()
        return super().create(vals_list)

    def write(self, vals):
        self.template_id._check_not_used()
        if "template_id" in vals:
            self.env["party.score.template"].browse(vals["template_id"])._check_not_used()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        self.template_id._check_not_used()
