import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_integrity_mixin import check_typed_date

# The four grades of the year-end rating of cadres and party members.
RATINGS = [
    ("excellent", "Excellently Completed"),
    ("good", "Well Completed"),
    ("completed", "Completed"),
    ("not_completed", "Not Completed"),
]
# What the figures of the year suggest; the office decides. Rates in %.
# (rating, lowest attendance rate, lowest on-time report rate,
#  most unexcused absences, most missing reports)
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
    """The compliance part of a cadre's year-end rating: the figures of the
    cadre's year frozen from party.cadre.stat, the rating they suggest, and
    the rating the office proposes to its committee."""

    _name = "party.cadre.evaluation"
    _description = "Year-End Cadre Evaluation"
    _inherit = ["mail.thread", "party.scope.mixin", "party.integrity.mixin"]
    _order = "year desc, organization_id, cadre_id"
    _party_scope_fields = ("organization_id",)
    # the figures come from the record of the year, never from a user
    _party_system_fields = (
        *FROZEN_FIGURES, "attendance_rate", "report_rate", "date_frozen", "suggested_rating"
    )
    _party_owner_fields = ("organization_id", "cadre_id", "year")
    _party_open_fields_by_state = {"confirmed": ()}
    _rec_names_search = ["cadre_id.name", "organization_id.name", "year"]

    organization_id = fields.Many2one(
        "party.organization",
        "Assigning Committee",
        required=True,
        index=True,
        ondelete="restrict",
        help="The committee that assigned the cadre and rates them.",
    )
    cadre_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True)
    year = fields.Char(required=True, index=True)
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
        RATINGS, readonly=True, help="What the attendance and reporting figures suggest."
    )
    rating = fields.Selection(
        RATINGS, "Proposed Rating", tracking=True,
        help="The rating the office proposes to the committee.",
    )
    note = fields.Text("Office's Comment")
    state = fields.Selection(
        [("draft", "Being Prepared"), ("confirmed", "Proposed")],
        required=True,
        default="draft",
        copy=False,
        index=True,
        tracking=True,
    )

    _sql_constraints = [
        (
            "organization_cadre_year_uniq",
            "unique(organization_id, cadre_id, year)",
            "A committee evaluates each of its cadres once a year.",
        ),
    ]

    @api.depends("cadre_id.name", "year")
    def _compute_display_name(self):
        for evaluation in self:
            evaluation.display_name = self.env._(
                "%(cadre)s – %(year)s",
                cadre=evaluation.cadre_id.name or "",
                year=evaluation.year or "",
            )

    @api.constrains("year")
    def _check_year(self):
        for evaluation in self:
            if not (evaluation.year or "").isdigit() or len(evaluation.year) != 4:
                raise ValidationError(
                    self.env._("%(year)s is not a year.", year=evaluation.year)
                )
            check_typed_date(
                self.env,
                datetime.date(int(evaluation.year), 12, 31),
                self._fields["year"]._description_string(self.env),
            )

    def _party_locked_message(self):
        return self.env._(
            "A proposed evaluation is locked: set it back to being prepared "
            "to change it."
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
        self._party_write_as_system({"state": "confirmed"})
        return True

    def action_reset_to_draft(self):
        self._party_write_as_system({"state": "draft"})
        return True

    @api.model
    def _prepare_year(self, organization_ids, year):
        """Freeze the figures of year for the cadres assigned by the
        organizations of organization_ids or a committee below them: one
        evaluation per committee and cadre, created or refreshed while being
        prepared (a proposed one is left as it is). The rating proposed
        defaults to the one suggested. Two queries for the figures, whatever
        the number of cadres."""
        organization = self.env["party.organization"].browse(organization_ids)
        year = str(year)
        # the view reads the tables behind the ORM's back
        self.env.flush_all()
        committee_ids = organization._party_subtree_ids()
        stats = self.env["party.cadre.stat"]._read_group(
            [("organization_id", "in", committee_ids), ("year", "=", year)],
            ["organization_id", "cadre_id"],
            [f"{name}:sum" for name in FROZEN_FIGURES],
        )
        existing = {
            (evaluation.organization_id, evaluation.cadre_id): evaluation
            for evaluation in self.search(
                [("organization_id", "in", committee_ids), ("year", "=", year)]
            )
        }
        now = fields.Datetime.now()
        to_create = []
        refreshed = self.browse()
        for committee, cadre, *sums in stats:
            figures = cadre_figures(sums)
            figures["suggested_rating"] = suggest_rating(figures)
            figures["date_frozen"] = now
            evaluation = existing.get((committee, cadre))
            if not evaluation:
                to_create.append(
                    {
                        "organization_id": committee.id,
                        "cadre_id": cadre.id,
                        "year": year,
                        "rating": figures["suggested_rating"],
                        **figures,
                    }
                )
            elif evaluation.state == "draft":
                if not evaluation.rating or evaluation.rating == evaluation.suggested_rating:
                    figures["rating"] = figures["suggested_rating"]
                evaluation._party_write_as_system(figures)
                refreshed |= evaluation
        # the frozen figures are the system's: the office may create evaluations
        self.check_access("create")
        created = self.sudo().create(to_create).sudo(False)
        created.check_access("write")
        return refreshed | created
