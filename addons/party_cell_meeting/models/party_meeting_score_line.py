from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from .party_numbers import format_points


class PartyMeetingScoreLine(models.Model):
    _name = "party.meeting.score.line"
    _description = "Meeting Score Line"
    _order = "score_id, sequence, id"
    _inherit = ["party.integrity.mixin"]
    _party_owner_fields = ("score_id", "criterion_id")
    _party_lock_rows = True

    score_id = fields.Many2one(
        "party.meeting.score", required=True, index=True, ondelete="cascade"
    )
    score_state = fields.Selection(related="score_id.state", string="Sheet Status")
    cell_id = fields.Many2one(related="score_id.cell_id", store=True, index=True)
    criterion_id = fields.Many2one(
        "party.score.criterion", required=True, index=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    section = fields.Char(related="criterion_id.section")
    guidance = fields.Text(related="criterion_id.guidance")
    max_points = fields.Float(related="criterion_id.max_points", string="Maximum")
    points = fields.Float(
        "Cell's Points", digits=(6, 2), help="The points the cell secretary gave."
    )
    final_points = fields.Float(
        "Points",
        compute="_compute_final_points",
        store=True,
        readonly=False,
        digits=(6, 2),
        help="The cell's points, or those the assigned cadre adjusted them to.",
    )
    is_adjusted = fields.Boolean(compute="_compute_is_adjusted", store=True)

    _sql_constraints = [
        (
            "score_criterion_uniq",
            "unique(score_id, criterion_id)",
            "A criterion is scored once on a sheet.",
        ),
        (
            "points_positive",
            "CHECK(points >= 0 AND final_points >= 0)",
            "Points cannot be negative.",
        ),
    ]

    @api.depends("points")
    def _compute_final_points(self):
        for line in self:
            line.final_points = line.points

    @api.depends("points", "final_points")
    def _compute_is_adjusted(self):
        for line in self:
            line.is_adjusted = float_compare(line.points, line.final_points, 2) != 0

    @api.constrains("points", "final_points", "criterion_id")
    def _check_points(self):
        for line in self:
            for value in (line.points, line.final_points):
                if (
                    float_compare(value, 0.0, 2) < 0
                    or float_compare(value, line.criterion_id.max_points, 2) > 0
                ):
                    raise ValidationError(
                        self.env._(
                            "%(criterion)s is scored from 0 to %(max)s points, not "
                            "%(points)s.",
                            criterion=line.criterion_id.name,
                            max=format_points(self.env, line.criterion_id.max_points),
                            points=format_points(self.env, value),
                        )
                    )

    @api.constrains("criterion_id", "score_id")
    def _check_criterion(self):
        for line in self:
            if line.criterion_id.template_id != line.score_id.template_id:
                raise ValidationError(
                    self.env._(
                        "%(criterion)s is not a criterion of the rubric %(template)s.",
                        criterion=line.criterion_id.name,
                        template=line.score_id.template_id.name,
                    )
                )

    def _party_open_fields(self):
        """All while the sheet is scored, the cadre's points once it is
        submitted, nothing once it is confirmed."""
        return {"draft": None, "submitted": ("final_points",)}.get(self.score_state, ())

    def _party_locked_message(self):
        return self.score_id._party_locked_message()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # a new line starts from the cell's points: only the cadre adjusts
            for vals in vals_list:
                vals.pop("final_points", None)
        lines = super().create(vals_list)
        if any(line.score_id.state != "draft" for line in lines):
            raise UserError(
                self.env._("Criteria are added to a sheet only while it is scored.")
            )
        return lines

    def write(self, vals):
        if "points" in vals or "criterion_id" in vals or "score_id" in vals:
            if any(line.score_id.state != "draft" for line in self):
                raise UserError(
                    self.env._(
                        "The cell's points are kept as submitted: the assigned "
                        "cadre adjusts the points, with a reason, before confirming."
                    )
                )
            self.score_id._check_user_is_scorer()
        if "final_points" in vals and "points" not in vals:
            self.score_id._check_adjustable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_scored(self):
        if any(line.score_id.state != "draft" for line in self):
            raise UserError(
                self.env._("The criteria of a submitted sheet stay on it.")
            )

    def _at_maximum(self, field_name):
        self.ensure_one()
        return float_compare(self[field_name], self.criterion_id.max_points, 2) >= 0
