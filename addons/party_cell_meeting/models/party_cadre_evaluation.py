import datetime

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools.date_utils import end_of

from .party_integrity_mixin import check_typed_date
from .party_numbers import format_points, format_quarter

PERIOD_TYPES = [("year", "Year"), ("quarter", "Quarter")]
# Kết luận 198-KL/TW (8/10/2025): leaders are assessed in each of the first
# three quarters; the fourth is folded into the year.
QUARTERS = [("1", "Quarter I"), ("2", "Quarter II"), ("3", "Quarter III")]

# The four grades of the year-end rating of cadres and party members.
RATINGS = [
    ("excellent", "Excellently Completed"),
    ("good", "Well Completed"),
    ("completed", "Completed"),
    ("not_completed", "Not Completed"),
]
# What the figures of the year suggest under the scheme of rates used before
# Quy định 366-QĐ/TW (party.rating.scheme, method "rates"); the office
# decides. Rates in %. (rating, lowest attendance rate, lowest on-time
# report rate, most unexcused absences, most missing reports)
RATING_RULES = (
    ("excellent", 90.0, 90.0, 0, 0),
    ("good", 75.0, 75.0, 1, 0),
    ("completed", 50.0, 50.0, None, None),
)
FROZEN_FIGURES = (
    "assigned_count",
    "attended_count",
    "excused_count",
    "unexcused_count",
    "report_due_count",
    "report_on_time_count",
    "report_late_count",
    "report_missing_count",
)


def rate(part, whole):
    """part out of whole, in percent with one decimal; 0 when whole is 0."""
    return round(100.0 * part / whole, 1) if whole else 0.0


def cadre_figures(sums):
    """The figures of a cadre's year from the sums of FROZEN_FIGURES read on
    party.cadre.stat, with the two rates computed on the sums."""
    figures = dict(zip(FROZEN_FIGURES, sums, strict=True))
    figures["attendance_rate"] = rate(figures["attended_count"], figures["assigned_count"])
    figures["report_rate"] = rate(figures["report_on_time_count"], figures["report_due_count"])
    return figures


def suggest_rating(figures):
    """The rating the figures of a cadre's year suggest (see RATING_RULES)."""
    for rating, min_attendance, min_reports, max_unexcused, max_missing in RATING_RULES:
        if (
            figures["attendance_rate"] >= min_attendance
            and figures["report_rate"] >= min_reports
            and (max_unexcused is None or figures["unexcused_count"] <= max_unexcused)
            and (max_missing is None or figures["report_missing_count"] <= max_missing)
        ):
            return rating
    return "not_completed"


class PartyCadreEvaluation(models.Model):
    """A cadre's rating for a year or a quarter: the figures of the period
    frozen from the statistics, the points of the scheme in force (the
    attendance and reporting criteria computed from those figures, the
    others given by the office), the rating they suggest, the rating the
    office proposes and the one its committee decides."""

    _name = "party.cadre.evaluation"
    _description = "Cadre Evaluation"
    _inherit = ["mail.thread", "party.scope.mixin", "party.integrity.mixin"]
    _order = "year desc, period_type desc, quarter desc, organization_id, cadre_id"
    _party_scope_fields = ("organization_id",)
    # the figures come from the record of the period, never from a user
    _party_system_fields = (
        *FROZEN_FIGURES,
        "attendance_rate",
        "report_rate",
        "date_frozen",
        "date_decided",
    )
    _party_owner_fields = (
        "organization_id",
        "cadre_id",
        "year",
        "period_type",
        "quarter",
        "scheme_id",
    )
    # proposed: the committee's decision is still to record; decided: final
    _party_open_fields_by_state = {
        "confirmed": ("decided_rating", "decision_note"),
        "decided": (),
    }
    _rec_names_search = ["cadre_id.name", "organization_id.name", "year"]

    organization_id = fields.Many2one(
        "party.organization",
        "Assigning Committee",
        required=True,
        index=True,
        ondelete="restrict",
        help="The committee that assigned the cadre and rates them.",
    )
    cadre_id = fields.Many2one("party.member", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="organization_id.company_id", store=True)
    year = fields.Char(required=True, index=True)
    period_type = fields.Selection(
        PERIOD_TYPES, "Evaluation Period", required=True, default="year", index=True
    )
    quarter = fields.Selection(QUARTERS)
    scheme_id = fields.Many2one(
        "party.rating.scheme",
        "Rating Scheme",
        readonly=True,
        ondelete="restrict",
        help="The scheme in force for the committee at the end of the period.",
    )
    scheme_method = fields.Selection(related="scheme_id.method")
    line_ids = fields.One2many(
        "party.cadre.evaluation.line", "evaluation_id", "Criteria", copy=False
    )
    points = fields.Float(
        compute="_compute_points",
        store=True,
        digits=(5, 1),
        aggregator="avg",
        help="The sum of the points of the criteria, out of 100.",
    )
    assigned_count = fields.Integer("Meetings Assigned", readonly=True)
    attended_count = fields.Integer("Attended", readonly=True)
    excused_count = fields.Integer("Absent (Excused)", readonly=True)
    unexcused_count = fields.Integer("Absent (Unexcused)", readonly=True)
    report_due_count = fields.Integer("Reports Due", readonly=True)
    report_on_time_count = fields.Integer("Reports On Time", readonly=True)
    report_late_count = fields.Integer("Reports Late", readonly=True)
    report_missing_count = fields.Integer("Reports Missing", readonly=True)
    attendance_rate = fields.Float(
        "Attendance Rate (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )
    report_rate = fields.Float(
        "Reports On Time (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )
    date_frozen = fields.Datetime("Figures As Of", readonly=True)
    suggested_rating = fields.Selection(
        RATINGS,
        compute="_compute_suggested_rating",
        store=True,
        help="What the points (or, under the scheme of rates, the attendance and "
        "reporting figures) suggest.",
    )
    rating = fields.Selection(
        RATINGS,
        "Proposed Rating",
        tracking=True,
        help="The rating the office proposes to the committee.",
    )
    note = fields.Text("Office's Comment")
    decided_rating = fields.Selection(
        RATINGS,
        tracking=True,
        help="The rating the committee decided; the proposal is kept beside it.",
    )
    decision_note = fields.Char(
        "Decision", tracking=True, help="The committee's decision, e.g. Quyết định số 15-QĐ/ĐU."
    )
    date_decided = fields.Date("Decided On", readonly=True, tracking=True)
    state = fields.Selection(
        [("draft", "Being Prepared"), ("confirmed", "Proposed"), ("decided", "Decided")],
        required=True,
        default="draft",
        copy=False,
        index=True,
        tracking=True,
    )
    over_quota = fields.Boolean(
        "Over the Excellent Quota",
        compute="_compute_over_quota",
        help="More cadres of this committee and period are proposed as excellently "
        "completed than the scheme's quota allows.",
    )

    def init(self):
        # one evaluation per committee, cadre and period; the quarter of a
        # yearly evaluation is empty, which a plain unique constraint would
        # let through twice
        tools.create_unique_index(
            self.env.cr,
            "party_cadre_evaluation_period_uniq",
            self._table,
            ["organization_id", "cadre_id", "year", "period_type", "COALESCE(quarter, '')"],
        )

    @api.depends("cadre_id.name", "year", "period_type", "quarter")
    def _compute_display_name(self):
        for evaluation in self:
            evaluation.display_name = (
                f"{evaluation.cadre_id.name or ''} – {evaluation._period_label()}"
            )

    def _period_label(self):
        self.ensure_one()
        if self.period_type == "quarter" and self.quarter:
            return format_quarter(self.env, self.quarter, self.year)
        return self.env._("year %(year)s", year=self.year or "")

    @api.depends("line_ids.points")
    def _compute_points(self):
        for evaluation in self:
            evaluation.points = round(sum(evaluation.line_ids.mapped("points")), 1)

    @api.depends("points", "scheme_id", *FROZEN_FIGURES)
    def _compute_suggested_rating(self):
        for evaluation in self:
            scheme = evaluation.scheme_id
            if scheme.method == "points":
                evaluation.suggested_rating = scheme._rating_for_points(evaluation.points)
            else:
                evaluation.suggested_rating = suggest_rating(
                    cadre_figures([evaluation[name] for name in FROZEN_FIGURES])
                )

    @api.depends("rating", "organization_id", "year", "period_type", "quarter", "scheme_id")
    def _compute_over_quota(self):
        proposed = self.filtered(lambda evaluation: evaluation.rating == "excellent")
        (self - proposed).over_quota = False
        if not proposed:
            return
        groups = self.sudo()._read_group(
            [
                ("organization_id", "in", proposed.organization_id.ids),
                ("year", "in", list(set(proposed.mapped("year")))),
                ("rating", "in", ("excellent", "good")),
            ],
            ["organization_id", "year", "period_type", "quarter", "scheme_id", "rating"],
            ["__count"],
        )
        counts = {}
        for organization, year, period_type, quarter, scheme, rating, count in groups:
            key = (organization.id, year, period_type, quarter, scheme.id)
            counts.setdefault(key, {"excellent": 0, "good": 0})[rating] += count
        for evaluation in proposed:
            key = (
                evaluation.organization_id.id,
                evaluation.year,
                evaluation.period_type,
                evaluation.quarter,
                evaluation.scheme_id.id,
            )
            count = counts.get(key, {"excellent": 0, "good": 0})
            allowed = evaluation.scheme_id._excellent_allowed(count["excellent"] + count["good"])
            evaluation.over_quota = allowed is not None and count["excellent"] > allowed

    @api.constrains("year")
    def _check_year(self):
        for evaluation in self:
            if not (evaluation.year or "").isdigit() or len(evaluation.year) != 4:
                raise ValidationError(self.env._("%(year)s is not a year.", year=evaluation.year))
            check_typed_date(
                self.env,
                datetime.date(int(evaluation.year), 12, 31),
                self._fields["year"]._description_string(self.env),
            )

    @api.constrains("state", "decided_rating", "decision_note")
    def _check_decision_after_proposal(self):
        # the committee decides on a proposal: none is recorded before it
        if any(
            evaluation.state == "draft" and (evaluation.decided_rating or evaluation.decision_note)
            for evaluation in self
        ):
            raise ValidationError(
                self.env._("The committee's decision is recorded once the office has proposed.")
            )

    @api.constrains("period_type", "quarter")
    def _check_quarter(self):
        for evaluation in self:
            if (evaluation.period_type == "quarter") != bool(evaluation.quarter):
                raise ValidationError(
                    self.env._(
                        "A quarterly evaluation names its quarter (I, II or III; the "
                        "fourth is assessed with the year), a yearly one none."
                    )
                )

    def _party_locked_message(self):
        if self.state == "decided":
            return self.env._(
                "The committee's decision on this evaluation is recorded: it is final."
            )
        return self.env._(
            "A proposed evaluation is locked: set it back to being prepared " "to change it."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_proposed(self):
        if any(evaluation.state != "draft" for evaluation in self):
            raise UserError(
                self.env._(
                    "A proposed or decided evaluation stays on record: it cannot be deleted."
                )
            )

    def action_confirm(self):
        missing = self.filtered(lambda evaluation: not evaluation.rating)
        if missing:
            raise UserError(
                self.env._(
                    "Propose a rating for %(cadres)s first.",
                    cadres=", ".join(missing.cadre_id.mapped("name")),
                )
            )
        if any(evaluation.state != "draft" for evaluation in self):
            raise UserError(self.env._("Only an evaluation being prepared can be proposed."))
        self._party_write_as_system({"state": "confirmed"})
        return True

    def action_decide(self):
        """Record the committee's decision; the office's proposal stays."""
        undecided = self.filtered(lambda evaluation: not evaluation.decided_rating)
        if undecided or any(evaluation.state != "confirmed" for evaluation in self):
            raise UserError(
                self.env._(
                    "Give the rating the committee decided on a proposed evaluation "
                    "first (%(cadres)s).",
                    cadres=", ".join((undecided or self).cadre_id.mapped("name")),
                )
            )
        self._party_write_as_system(
            {"state": "decided", "date_decided": fields.Date.context_today(self)}
        )
        return True

    def action_reset_to_draft(self):
        if any(evaluation.state != "confirmed" for evaluation in self):
            raise UserError(self.env._("Only a proposed evaluation goes back to being prepared."))
        self._party_write_as_system(
            {"state": "draft", "decided_rating": False, "decision_note": False}
        )
        return True

    @api.model
    def _year_ratings(self, domain):
        """{(committee, cadre, year): {"points", "suggested", "proposed",
        "decided"}} of the evaluations of domain, the ratings as labels in the user's language
        (the points empty under the scheme of rates), for the printed sheet
        and the workbook."""
        labels = dict(self._fields["rating"]._description_selection(self.env))
        return {
            (evaluation.organization_id, evaluation.cadre_id, evaluation.year): {
                "points": evaluation.points if evaluation.scheme_method == "points" else None,
                "suggested": labels.get(evaluation.suggested_rating, ""),
                "proposed": labels.get(evaluation.rating, ""),
                "decided": labels.get(evaluation.decided_rating, ""),
            }
            for evaluation in self.search_fetch(
                domain,
                [
                    "organization_id",
                    "cadre_id",
                    "year",
                    "points",
                    "scheme_method",
                    "suggested_rating",
                    "rating",
                    "decided_rating",
                ],
            )
        }

    @api.model
    def _prepare_year(self, organization_ids, year):
        return self._prepare_period(organization_ids, year)

    @api.model
    def _prepare_period(self, organization_ids, year, quarter=None):
        """Freeze the figures of the year (or of its quarter) for the cadres
        assigned by the organizations of organization_ids or a committee
        below them: one evaluation per committee and cadre, created or
        refreshed while being prepared (a proposed one is left as it is),
        rated under the scheme in force for the committee at the period's
        end. The points the office gave are kept; the evidence lines follow
        the figures. Under the scheme of rates the proposed rating defaults
        to the one suggested. Queries for the figures: two, whatever the
        number of cadres."""
        organization = self.env["party.organization"].browse(organization_ids)
        year = str(year)
        quarter = str(quarter) if quarter else False
        period_type = "quarter" if quarter else "year"
        # the views read the tables behind the ORM's back
        self.env.flush_all()
        committee_ids = organization._party_subtree_ids()
        Stat = self.env["party.cadre.quarter.stat" if quarter else "party.cadre.stat"]
        stats = Stat._read_group(
            [("organization_id", "in", committee_ids), ("year", "=", year)]
            + ([("quarter", "=", quarter)] if quarter else []),
            ["organization_id", "cadre_id"],
            [f"{name}:sum" for name in FROZEN_FIGURES],
        )
        existing = {
            (evaluation.organization_id, evaluation.cadre_id): evaluation
            for evaluation in self.search(
                [
                    ("organization_id", "in", committee_ids),
                    ("year", "=", year),
                    ("period_type", "=", period_type),
                    ("quarter", "=", quarter),
                ]
            )
        }
        period_end = end_of(
            datetime.date(int(year), int(quarter) * 3 if quarter else 12, 1), "month"
        )
        schemes = self.env["party.organization.rule"]._values_for(
            "rating_scheme_id", [(committee, period_end) for committee, _cadre, *_sums in stats]
        )
        now = fields.Datetime.now()
        to_create = []
        refreshed = self.browse()
        for committee, cadre, *sums in stats:
            figures = {**cadre_figures(sums), "date_frozen": now}
            evaluation = existing.get((committee, cadre))
            if not evaluation:
                scheme = schemes[(committee, period_end)]
                if scheme.method == "rates":
                    figures["rating"] = suggest_rating(figures)
                to_create.append(
                    {
                        "organization_id": committee.id,
                        "cadre_id": cadre.id,
                        "year": year,
                        "period_type": period_type,
                        "quarter": quarter,
                        "scheme_id": scheme.id,
                        "line_ids": [
                            fields.Command.create(
                                {
                                    "criterion_id": criterion.id,
                                    **criterion._evidence_values(figures),
                                }
                            )
                            for criterion in scheme.criterion_ids
                        ],
                        **figures,
                    }
                )
            elif evaluation.state == "draft":
                followed = evaluation.rating == evaluation.suggested_rating
                evaluation._party_write_as_system(figures)
                evaluation.line_ids._refresh_evidence(figures)
                if evaluation.scheme_method == "rates" and (not evaluation.rating or followed):
                    evaluation._party_write_as_system({"rating": evaluation.suggested_rating})
                refreshed |= evaluation
        # the frozen figures are the system's: the office may create evaluations
        self.check_access("create")
        created = self.sudo().create(to_create).sudo(False)
        created.check_access("write")
        return refreshed | created


class PartyCadreEvaluationLine(models.Model):
    """The points of one criterion in a cadre's evaluation. Evidence lines
    (attendance, reports) are computed from the frozen figures; the office
    gives the others while the evaluation is being prepared."""

    _name = "party.cadre.evaluation.line"
    _description = "Cadre Evaluation Criterion"
    _inherit = ["party.integrity.mixin"]
    _order = "evaluation_id, sequence, id"
    _party_system_fields = ("figures",)
    _party_owner_fields = ("evaluation_id", "criterion_id")

    evaluation_id = fields.Many2one(
        "party.cadre.evaluation", required=True, index=True, ondelete="cascade"
    )
    criterion_id = fields.Many2one(
        "party.rating.criterion", "Rating Criterion", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    section = fields.Char(related="criterion_id.section")
    name = fields.Char(related="criterion_id.name")
    max_points = fields.Float(related="criterion_id.max_points")
    evidence = fields.Selection(related="criterion_id.evidence", store=True)
    points = fields.Float(digits=(5, 1))
    figures = fields.Char(help="The figures the points of an evidence line were computed from.")

    @api.constrains("points", "criterion_id")
    def _check_points(self):
        for line in self:
            if not 0 <= line.points <= line.max_points:
                raise ValidationError(
                    self.env._(
                        "%(criterion)s is given between 0 and %(max)s points, not %(points)s.",
                        criterion=line.name,
                        max=format_points(self.env, line.max_points),
                        points=format_points(self.env, line.points),
                    )
                )

    def write(self, vals):
        if not self.env.su:
            if any(line.evaluation_id.state != "draft" for line in self):
                raise UserError(self.env._("Only an evaluation being prepared gets points."))
            if "points" in vals and self.filtered("evidence"):
                raise UserError(
                    self.env._(
                        "The points of attendance and reporting follow the cadre's "
                        "figures: they are not given by hand."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept(self):
        if not self.env.su:
            raise UserError(self.env._("A criterion of an evaluation stays with it."))

    def _refresh_evidence(self, figures):
        for line in self.filtered("evidence"):
            line._party_write_as_system(line.criterion_id._evidence_values(figures))
