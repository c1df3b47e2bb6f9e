from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_template_scope import nearest_for_cell

# Meeting classes, best first; the rank orders them in comparisons and in the
# annual roll-up (reports/party_cell_year_score.py uses the same ranks).
CLASSIFICATIONS = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("average", "Average"),
    ("poor", "Poor"),
]
CLASS_RANK = {"excellent": 4, "good": 3, "average": 2, "poor": 1}

# What may still change on a template once meetings are scored with it: its
# end of validity and whether it is offered (a new version is a copy).
USED_TEMPLATE_WRITABLE = {"name", "active", "date_to", "note"}


class PartyScoreTemplate(models.Model):
    _name = "party.score.template"
    _description = "Meeting Scoring Rubric"
    _order = "date_from desc, id desc"
    _inherit = ["party.integrity.mixin"]
    _party_typed_dates = ("date_from", "date_to")

    name = fields.Char(required=True)
    reference = fields.Char(
        help="The guideline the rubric implements, e.g. Hướng dẫn 42-HD/BTCTW."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    organization_id = fields.Many2one(
        "party.organization",
        "Used Below",
        index="btree_not_null",
        ondelete="restrict",
        help="The committee whose cells use this rubric (a province, a ward, a "
        "provincial block). Empty: every cell. The rubric of the nearest committee wins.",
    )
    date_from = fields.Date("Valid From", required=True)
    date_to = fields.Date("Valid Until")
    for_regular = fields.Boolean("Regular Meetings", default=True)
    for_thematic = fields.Boolean("Thematic Meetings")
    for_extraordinary = fields.Boolean("Extraordinary Meetings")
    criterion_ids = fields.One2many(
        "party.score.criterion", "template_id", "Criteria", copy=True
    )
    max_points = fields.Float(
        "Maximum Points", compute="_compute_max_points", store=True, digits=(6, 2)
    )
    threshold_excellent = fields.Float(
        "Excellent From", default=90.0, digits=(6, 2),
        help="A total from this score up is excellent, provided the criteria "
        "required at their maximum are.",
    )
    threshold_good = fields.Float("Good From", default=70.0, digits=(6, 2))
    threshold_average = fields.Float(
        "Average From", default=50.0, digits=(6, 2), help="Below this: poor."
    )
    year_excellent_floor = fields.Selection(
        CLASSIFICATIONS,
        "Excellent Year: Every Meeting At Least",
        default="good",
        required=True,
    )
    year_excellent_count = fields.Integer(
        "Excellent Year: Excellent Meetings",
        default=7,
        help="How many regular meetings of the year must be excellent for the "
        "cell's year to be excellent.",
    )
    year_good_floor = fields.Selection(
        CLASSIFICATIONS, "Good Year: Every Meeting At Least", default="average",
        required=True,
    )
    note = fields.Html()
    score_count = fields.Integer("Score Sheets", compute="_compute_score_count")

    _sql_constraints = [
        (
            "thresholds_ordered",
            "CHECK(threshold_excellent > threshold_good AND threshold_good > "
            "threshold_average AND threshold_average > 0)",
            "The thresholds must go down from excellent to good to average, "
            "above zero.",
        ),
        (
            "dates_ordered",
            "CHECK(date_to IS NULL OR date_to >= date_from)",
            "A rubric cannot stop being valid before it starts.",
        ),
        (
            "year_excellent_count_positive",
            "CHECK(year_excellent_count >= 0)",
            "The number of excellent meetings for an excellent year cannot be "
            "negative.",
        ),
    ]

    @api.depends("criterion_ids.max_points")
    def _compute_max_points(self):
        for template in self:
            template.max_points = sum(template.criterion_ids.mapped("max_points"))

    def _compute_score_count(self):
        counts = dict(
            self.env["party.meeting.score"]._read_group(
                [("template_id", "in", self.ids)], ["template_id"], ["__count"]
            )
        )
        for template in self:
            template.score_count = counts.get(template, 0)

    @api.constrains("threshold_excellent", "criterion_ids")
    def _check_threshold_reachable(self):
        for template in self:
            if template.criterion_ids and template.threshold_excellent > template.max_points:
                raise ValidationError(
                    self.env._(
                        "The rubric %(template)s gives at most %(max)s points: an "
                        "excellent threshold of %(threshold)s cannot be reached.",
                        template=template.name,
                        max=template.max_points,
                        threshold=template.threshold_excellent,
                    )
                )

    def write(self, vals):
        if set(vals) - USED_TEMPLATE_WRITABLE:
            self._check_not_used()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        self._check_not_used()

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if "name" not in (default or {}):
            for template, vals in zip(self, vals_list, strict=True):
                vals["name"] = self.env._("%(name)s (copy)", name=template.name)
        return vals_list

    def action_new_version(self):
        """A copy to edit, opened in a form: used rubrics are never edited."""
        self.ensure_one()
        version = self.copy()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": version.id,
            "view_mode": "form",
        }

    def _check_not_used(self):
        used = self.filtered("score_count")
        if used:
            raise UserError(
                self.env._(
                    "Meetings have been scored with the rubric %(template)s: it can "
                    "no longer be changed. Make a new version of it (a copy) valid "
                    "from the date the change applies, and close this one.",
                    template=used[0].name,
                )
            )

    def _applies_to(self, meeting):
        """Valid on the meeting's date, for its kind (the organization is
        weighed by _get_for_meetings)."""
        self.ensure_one()
        return (
            self[f"for_{meeting.kind}"]
            and self.date_from <= meeting.date
            and (not self.date_to or self.date_to >= meeting.date)
        )

    @api.model
    def _get_for_meetings(self, meetings):
        """{meeting: the rubric in force for it}: valid on its date, for its
        kind, of the nearest committee above its cell; among equals the one
        valid from the latest date."""
        meetings = meetings.filtered("date")
        if not meetings:
            return {}
        # a committee's rules may name the rubric of its cells' regular meetings
        decided = self.env["party.organization.rule"]._values_for(
            "score_template_id",
            [(meeting.cell_id, meeting.date) for meeting in meetings if meeting.kind == "regular"],
        )
        dates = meetings.mapped("date")
        templates = self.search(
            [
                ("date_from", "<=", max(dates)),
                "|", ("date_to", "=", False), ("date_to", ">=", min(dates)),
            ]
        )
        result = {}
        for meeting in meetings:
            if decided.get((meeting.cell_id, meeting.date)):
                result[meeting] = decided[(meeting.cell_id, meeting.date)]
                continue
            template = nearest_for_cell(
                meeting.cell_id.parent_path or "",
                [
                    (template.organization_id.parent_path or "",
                     (template.date_from, template.id), template)
                    for template in templates
                    if template._applies_to(meeting)
                ],
            )
            if template:
                result[meeting] = template
        return result

    def _classify(self, total, at_maximum=True):
        """The class of a total; excellent also needs the criteria flagged as
        required at maximum to be at their maximum (at_maximum)."""
        self.ensure_one()
        # rounding to the hundredth: 89.995 is not 90, and 90.0 is
        total = round(total, 2)
        if total >= self.threshold_excellent and at_maximum:
            return "excellent"
        if total >= self.threshold_good:
            return "good"
        if total >= self.threshold_average:
            return "average"
        return "poor"
