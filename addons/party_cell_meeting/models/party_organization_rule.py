from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .party_template_scope import nearest_for_cell

# What a committee may decide for the cells below it, and what holds where
# no committee up the tree decided: Hướng dẫn 42-HD/BTCTW (28/10/2025) asks
# a regular meeting of at least 90 minutes, 120 when thematic content is
# held in the same sitting, and lets the competent committee set other
# limits for small cells. The report due day falls back on the company's
# setting, the rubric on the rubrics' own scope (party.score.template).
RULE_NAMES = (
    "min_duration_minutes",
    "min_duration_combined_minutes",
    "report_due_day",
    "score_template_id",
    "rating_scheme_id",
)
RULE_DEFAULTS = {
    "min_duration_minutes": 90,
    "min_duration_combined_minutes": 120,
}


class PartyOrganizationRule(models.Model):
    """A committee's decision on the rules its cells follow, valid between
    two dates. A setting left empty is decided higher up the tree: the
    province sets the rules of its communes and blocks, which may set other
    ones for their own cells (see party.organization._party_rule)."""

    _name = "party.organization.rule"
    _description = "Rules Set by a Committee"
    _inherit = ["mail.thread", "party.scope.mixin", "party.integrity.mixin"]
    _order = "organization_id, date_from desc, id desc"
    _party_scope_fields = ("organization_id",)
    _party_typed_dates = ("date_from", "date_to")

    name = fields.Char(
        "Decided By",
        required=True,
        tracking=True,
        help="The document that sets these rules, e.g. Quy định số 05-QĐ/TU.",
    )
    organization_id = fields.Many2one(
        "party.organization",
        "Committee",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        domain="[('level', '!=', 'cell')]",
        help="The committee that sets the rules; they hold for every cell below it "
        "unless a committee nearer the cell sets others.",
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True)
    date_from = fields.Date("Valid From", required=True, tracking=True)
    date_to = fields.Date("Valid Until", tracking=True)
    min_duration_minutes = fields.Integer(
        "Minimum Duration (Minutes)",
        tracking=True,
        help="The shortest regular meeting; empty: as decided above (90 minutes "
        "under Hướng dẫn 42-HD/BTCTW).",
    )
    min_duration_combined_minutes = fields.Integer(
        "Minimum Duration with Thematic Content (Minutes)",
        tracking=True,
        help="The shortest regular meeting that also holds thematic content; empty: "
        "as decided above (120 minutes under Hướng dẫn 42-HD/BTCTW).",
    )
    report_due_day = fields.Integer(
        tracking=True,
        help="Assigned cadres file their report by this day of the month; empty: "
        "as decided above, else the company's setting.",
    )
    score_template_id = fields.Many2one(
        "party.score.template",
        "Scoring Rubric",
        tracking=True,
        ondelete="restrict",
        help="The rubric the cells' regular meetings are scored with; empty: as "
        "decided above, else the rubric of the nearest committee.",
    )
    rating_scheme_id = fields.Many2one(
        "party.rating.scheme",
        tracking=True,
        ondelete="restrict",
        help="How the committees below rate their cadres; empty: as decided above, "
        "else the 100-point scheme of Quy định 366-QĐ/TW.",
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(date_to IS NULL OR date_to >= date_from)",
            "Rules cannot stop being valid before they start.",
        ),
        (
            "durations_positive",
            "CHECK(min_duration_minutes >= 0 AND min_duration_combined_minutes >= 0)",
            "A minimum duration cannot be negative.",
        ),
    ]

    @api.constrains("organization_id")
    def _check_committee(self):
        for rule in self:
            if rule.organization_id.level == "cell":
                raise ValidationError(
                    self.env._(
                        "%(organization)s is a cell: its rules are set by a committee above it.",
                        organization=rule.organization_id.name,
                    )
                )

    @api.constrains("report_due_day")
    def _check_report_due_day(self):
        for rule in self:
            if rule.report_due_day and not 1 <= rule.report_due_day <= 31:
                raise ValidationError(
                    self.env._(
                        "A day of the month is between 1 and 31, not %(day)s.",
                        day=rule.report_due_day,
                    )
                )

    @api.constrains("organization_id", "date_from", "date_to", *RULE_NAMES)
    def _check_one_rule_at_a_time(self):
        """A committee decides each setting once at any date: two of its
        rules valid on the same day may not both set it."""
        siblings = self.search([("organization_id", "in", self.organization_id.ids)])
        for rule in self:
            for other in siblings:
                if other == rule or other.organization_id != rule.organization_id:
                    continue
                if not rule._overlaps(other):
                    continue
                both = [name for name in RULE_NAMES if rule[name] and other[name]]
                if both:
                    raise ValidationError(
                        self.env._(
                            "%(committee)s already decided %(setting)s for part of this "
                            "period (%(other)s): close that decision the day before this "
                            "one starts.",
                            committee=rule.organization_id.name,
                            setting=self._fields[both[0]]._description_string(self.env),
                            other=other.name,
                        )
                    )

    def _overlaps(self, other):
        self.ensure_one()
        return (not self.date_to or self.date_to >= other.date_from) and (
            not other.date_to or other.date_to >= self.date_from
        )

    def _is_valid_on(self, date):
        self.ensure_one()
        return self.date_from <= date and (not self.date_to or self.date_to >= date)

    @api.model
    def _values_for(self, name, pairs):
        """{(organization, date): the value of the setting name in force}
        for the (organization, date) pairs: the rule of the nearest committee
        up the tree (the organization itself included) valid that day, else
        the default. One search for all the pairs."""
        pairs = [(organization, date) for organization, date in pairs if organization]
        if not pairs:
            return {}
        ancestor_ids = {
            int(ancestor)
            for organization, _date in pairs
            for ancestor in organization.parent_path.split("/")
            if ancestor
        }
        dates = [date for _organization, date in pairs]
        rules = self.sudo().search(
            [
                ("organization_id", "in", sorted(ancestor_ids)),
                ("date_from", "<=", max(dates)),
                "|", ("date_to", "=", False), ("date_to", ">=", min(dates)),
            ]
        ).filtered(name)
        values = {}
        for organization, date in pairs:
            decided = nearest_for_cell(
                organization.parent_path,
                [
                    (rule.organization_id.parent_path, rule.date_from, rule[name])
                    for rule in rules
                    if rule._is_valid_on(date)
                ],
            )
            if decided is None:
                values[(organization, date)] = self._default_value(name, organization)
            else:
                values[(organization, date)] = (
                    decided.sudo(False) if isinstance(decided, models.BaseModel) else decided
                )
        return values

    @api.model
    def _default_value(self, name, organization):
        if name == "report_due_day":
            return (organization.company_id or self.env.company).party_report_due_day
        if name == "rating_scheme_id":
            return (
                self.env.ref("party_cell_meeting.party_rating_scheme_366", raise_if_not_found=False)
                or self.env["party.rating.scheme"]
            )
        if name in RULE_DEFAULTS:
            return RULE_DEFAULTS[name]
        return self.env[self._fields[name].comodel_name]

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        rules._apply_to_meetings()
        return rules

    def write(self, vals):
        before = [(rule.organization_id, rule.date_from, rule.date_to) for rule in self]
        result = super().write(vals)
        self._apply_to_meetings(before)
        return result

    def unlink(self):
        before = [(rule.organization_id, rule.date_from, rule.date_to) for rule in self]
        result = super().unlink()
        self.env["party.organization.rule"]._apply_to_meetings(before)
        return result

    def _apply_to_meetings(self, spans=()):
        """Held meetings judged against the minimum durations are judged
        again within the spans the rules covered, before and after."""
        spans = [*spans, *((rule.organization_id, rule.date_from, rule.date_to) for rule in self)]
        if spans:
            self.env["party.meeting"]._recheck_durations(spans)
