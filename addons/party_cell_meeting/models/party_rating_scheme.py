from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# What may still change on a scheme once cadres are rated with it.
USED_SCHEME_WRITABLE = {"name", "active", "note"}


class PartyRatingScheme(models.Model):
    """How a committee rates its cadres for a period.

    Quy định 366-QĐ/TW (30/8/2025) rates on 100 points: from 90 Hoàn thành
    xuất sắc nhiệm vụ (with further conditions: the quota), from 70 Hoàn
    thành tốt, from 50 Hoàn thành, below 50 Không hoàn thành nhiệm vụ. The
    criteria and their points are data (Hướng dẫn 43-HD/BTCTW gives the
    forms; provinces adapt them); attendance at assigned meetings and reports
    on time enter as evidence lines whose points follow the cadre's figures.
    The rate thresholds used before 2025 are kept as a scheme of their own."""

    _name = "party.rating.scheme"
    _description = "Cadre Rating Scheme"
    _inherit = ["party.integrity.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True)
    reference = fields.Char(help="The regulation the scheme implements, e.g. Quy định 366-QĐ/TW.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Empty: offered to every company.")
    method = fields.Selection(
        [("points", "Points out of 100"), ("rates", "Attendance and Report Rates")],
        required=True,
        default="points",
        help="Points: the rating follows the sum of the criteria's points. Rates: it "
        "follows the cadre's attendance and on-time report rates only (the rule used "
        "before Quy định 366-QĐ/TW).",
    )
    band_excellent = fields.Float("Excellently Completed From", default=90.0, digits=(5, 1))
    band_good = fields.Float("Well Completed From", default=70.0, digits=(5, 1))
    band_completed = fields.Float(
        "Completed From", default=50.0, digits=(5, 1), help="Below this: not completed."
    )
    excellent_quota_percent = fields.Float(
        "Excellent Quota (%)",
        default=20.0,
        digits=(5, 1),
        help="At most this share of the cadres proposed as well completed or better may "
        "be proposed as excellently completed, per committee and period; 0: no quota.",
    )
    criterion_ids = fields.One2many("party.rating.criterion", "scheme_id", "Criteria", copy=True)
    max_points = fields.Float(
        "Maximum Points", compute="_compute_max_points", store=True, digits=(5, 1)
    )
    note = fields.Html()
    evaluation_count = fields.Integer(compute="_compute_evaluation_count")

    _sql_constraints = [
        (
            "bands_ordered",
            "CHECK(band_excellent > band_good AND band_good > band_completed "
            "AND band_completed > 0)",
            "The bands must go down from excellently completed to well completed to "
            "completed, above zero.",
        ),
        (
            "quota_percent",
            "CHECK(excellent_quota_percent >= 0 AND excellent_quota_percent <= 100)",
            "The quota is a share between 0 and 100 %.",
        ),
    ]

    @api.depends("criterion_ids.max_points")
    def _compute_max_points(self):
        for scheme in self:
            scheme.max_points = sum(scheme.criterion_ids.mapped("max_points"))

    def _compute_evaluation_count(self):
        counts = dict(
            self.env["party.cadre.evaluation"]._read_group(
                [("scheme_id", "in", self.ids)], ["scheme_id"], ["__count"]
            )
        )
        for scheme in self:
            scheme.evaluation_count = counts.get(scheme, 0)

    @api.constrains("method", "criterion_ids")
    def _check_points(self):
        for scheme in self:
            if (
                scheme.method == "points"
                and scheme.criterion_ids
                and round(scheme.max_points, 1) != 100
            ):
                raise ValidationError(
                    self.env._(
                        "The criteria of %(scheme)s give %(points)s points: a scheme "
                        "of Quy định 366-QĐ/TW gives 100.",
                        scheme=scheme.name,
                        points=scheme.max_points,
                    )
                )

    def write(self, vals):
        if set(vals) - USED_SCHEME_WRITABLE and any(self.mapped("evaluation_count")):
            raise UserError(
                self.env._(
                    "Cadres have been rated with this scheme: it can no longer be "
                    "changed. Make a copy for the periods to come."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if any(self.mapped("evaluation_count")):
            raise UserError(
                self.env._("Cadres have been rated with this scheme: archive it instead.")
            )

    def _rating_for_points(self, points):
        """The band of points (0–100), rounded to the tenth: 89.95 is 90."""
        self.ensure_one()
        points = round(points, 1)
        if points >= self.band_excellent:
            return "excellent"
        if points >= self.band_good:
            return "good"
        if points >= self.band_completed:
            return "completed"
        return "not_completed"

    def _excellent_allowed(self, well_rated_count):
        """How many of well_rated_count cadres proposed well completed or
        better may be proposed excellent; None without a quota."""
        self.ensure_one()
        if not self.excellent_quota_percent:
            return None
        return int(well_rated_count * self.excellent_quota_percent / 100)


class PartyRatingCriterion(models.Model):
    _name = "party.rating.criterion"
    _description = "Cadre Rating Criterion"
    _inherit = ["party.integrity.mixin"]
    _order = "scheme_id, sequence, id"

    scheme_id = fields.Many2one(
        "party.rating.scheme", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    section = fields.Char(help="The group of criteria it belongs to.")
    name = fields.Char("Criterion", required=True)
    guidance = fields.Text(help="How to give the points.")
    max_points = fields.Float("Maximum Points", required=True, digits=(5, 1))
    evidence = fields.Selection(
        [
            ("attendance", "Attendance at Assigned Meetings"),
            ("reporting", "Reports Filed on Time"),
        ],
        help="Points computed from the cadre's figures of the period (the share of "
        "assigned meetings attended, of reports filed on time), not given by hand.",
    )

    _sql_constraints = [
        (
            "max_points_positive",
            "CHECK(max_points > 0)",
            "The maximum points of a criterion must be above zero.",
        ),
    ]

    def write(self, vals):
        if self.scheme_id.filtered("evaluation_count"):
            raise UserError(
                self.env._(
                    "Cadres have been rated with this scheme: its criteria can no "
                    "longer be changed. Make a copy for the periods to come."
                )
            )
        return super().write(vals)

    def _evidence_values(self, figures):
        """The points and figures of an evidence criterion for the figures
        of a cadre's period (see party_cadre_evaluation.cadre_figures): the
        maximum times the share done; the maximum when nothing was due."""
        self.ensure_one()
        if self.evidence == "attendance":
            done, due = figures["attended_count"], figures["assigned_count"]
            text = self.env._("%(done)s of %(due)s assigned meetings attended", done=done, due=due)
        elif self.evidence == "reporting":
            done, due = figures["report_on_time_count"], figures["report_due_count"]
            text = self.env._("%(done)s of %(due)s reports filed on time", done=done, due=due)
        else:
            return {}
        if not due:
            text = self.env._("nothing due in the period")
        return {
            "points": round(self.max_points * done / due, 1) if due else self.max_points,
            "figures": text,
        }
