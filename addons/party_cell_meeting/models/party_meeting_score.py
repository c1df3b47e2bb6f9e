from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_numbers import format_points
from .party_score_template import CLASSIFICATIONS

ATTENDED_STATUSES = ("present", "absent_excused", "absent_unexcused")
# More excused absences in a row than this in a year is a flag on the member
# and costs the cell its attendance bonus.
MAX_EXCUSED_IN_A_ROW = 3


class PartyMeetingScore(models.Model):
    _name = "party.meeting.score"
    _description = "Meeting Score Sheet"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "party.scope.mixin", "party.integrity.mixin"
    ]
    _order = "date desc, cell_id"
    _party_scope_fields = ("meeting_id",)
    _party_owner_fields = ("meeting_id", "template_id")
    # the cadre adjusts a submitted sheet on its lines, with a reason; a
    # confirmed sheet is kept
    _party_open_fields_by_state = {
        "submitted": ("line_ids", "adjustment_reason", "note"),
        "confirmed": (),
    }
    _party_lock_rows = True
    _rec_names_search = ["cell_id.complete_name", "period"]

    meeting_id = fields.Many2one(
        "party.meeting",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('state', '=', 'held')]",
    )
    cell_id = fields.Many2one(related="meeting_id.cell_id", store=True, index=True)
    superior_id = fields.Many2one(related="meeting_id.superior_id", store=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    date = fields.Date(related="meeting_id.date", store=True)
    period = fields.Char(related="meeting_id.period", store=True)
    year = fields.Char(compute="_compute_year", store=True, index=True)
    kind = fields.Selection(related="meeting_id.kind", store=True, string="Meeting Kind")
    template_id = fields.Many2one(
        "party.score.template",
        "Rubric",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
        help="The rubric in force on the meeting's date.",
    )
    line_ids = fields.One2many("party.meeting.score.line", "score_id", "Criteria")
    state = fields.Selection(
        [("draft", "Being Scored"), ("submitted", "To Confirm"), ("confirmed", "Confirmed")],
        required=True,
        default="draft",
        copy=False,
        tracking=True,
        index=True,
    )
    max_points = fields.Float(related="template_id.max_points")
    points_to_fill = fields.Selection(
        [("points", "The Cell's Points"), ("final_points", "The Cadre's Points")],
        compute="_compute_points_to_fill",
        help="The points the current user fills at this stage of the sheet, if any.",
    )
    self_total = fields.Float(
        "Cell's Score",
        compute="_compute_totals",
        store=True,
        aggregator="avg",
        digits=(6, 2),
        help="The total as scored by the cell secretary.",
    )
    self_classification = fields.Selection(
        CLASSIFICATIONS, "Cell's Class", compute="_compute_totals", store=True
    )
    total = fields.Float(
        compute="_compute_totals",
        store=True,
        aggregator="avg",
        digits=(6, 2),
        tracking=True,
        help="The total after the assigned cadre's adjustments.",
    )
    classification = fields.Selection(
        CLASSIFICATIONS, compute="_compute_totals", store=True, tracking=True
    )
    is_adjusted = fields.Boolean(
        "Adjusted by the Cadre", compute="_compute_totals", store=True
    )
    adjustment_reason = fields.Text(
        tracking=True, help="Why the assigned cadre changed the cell's scores."
    )
    submitted_by_id = fields.Many2one("res.users", "Scored By", readonly=True, copy=False)
    date_submitted = fields.Datetime("Scored On", readonly=True, copy=False)
    confirmed_by_id = fields.Many2one(
        "res.users", "Confirmed by", readonly=True, copy=False, tracking=True
    )
    date_confirmed = fields.Datetime("Confirmed On", readonly=True, copy=False)
    note = fields.Text()

    _sql_constraints = [
        ("meeting_uniq", "unique(meeting_id)", "A meeting has one score sheet."),
    ]

    @api.depends("cell_id.name", "period")
    def _compute_display_name(self):
        for score in self:
            score.display_name = self.env._(
                "Score %(month)s – %(cell)s",
                month=score.date.strftime("%m/%Y") if score.date else "",
                cell=score.cell_id.name or "",
            )

    @api.depends("date")
    def _compute_year(self):
        for score in self:
            score.year = score.date and str(score.date.year)

    @api.depends(
        "line_ids.points",
        "line_ids.final_points",
        "template_id.threshold_excellent",
        "template_id.threshold_good",
        "template_id.threshold_average",
    )
    def _compute_totals(self):
        for score in self:
            lines = score.line_ids
            score.self_total = sum(lines.mapped("points"))
            score.total = sum(lines.mapped("final_points"))
            score.is_adjusted = any(line.is_adjusted for line in lines)
            if not score.template_id:
                score.self_classification = score.classification = False
                continue
            required = lines.filtered("criterion_id.must_be_max")
            score.self_classification = score.template_id._classify(
                score.self_total, all(line._at_maximum("points") for line in required)
            )
            score.classification = score.template_id._classify(
                score.total, all(line._at_maximum("final_points") for line in required)
            )

    @api.constrains("meeting_id", "template_id")
    def _check_meeting(self):
        for score in self:
            if score.meeting_id.state != "held":
                raise ValidationError(
                    self.env._(
                        "%(meeting)s has not been held: only held meetings are scored.",
                        meeting=score.meeting_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        meetings = self.env["party.meeting"].browse(
            [vals["meeting_id"] for vals in vals_list if vals.get("meeting_id")]
        )
        in_force = self.env["party.score.template"]._get_for_meetings(meetings)
        suggestions = self._suggest_attendance_points(meetings)
        for vals in vals_list:
            meeting = self.env["party.meeting"].browse(vals.get("meeting_id"))
            if not meeting:
                continue
            if not vals.get("template_id"):
                template = in_force.get(meeting)
                if not template:
                    raise UserError(
                        self.env._(
                            "No scoring rubric is in force for %(meeting)s: ask the "
                            "administrator to set one up for its date and kind.",
                            meeting=meeting.display_name,
                        )
                    )
                vals["template_id"] = template.id
            if not vals.get("line_ids"):
                template = self.env["party.score.template"].browse(vals["template_id"])
                suggested_share = {
                    "attendance": suggestions[meeting] / 5,
                    "duration": float(
                        bool(meeting.duration_minutes) and not meeting.is_too_short
                    ),
                }
                vals["line_ids"] = [
                    fields.Command.create(
                        {
                            "criterion_id": criterion.id,
                            "points": criterion.max_points
                            * suggested_share.get(criterion.suggest_from, 0.0),
                        }
                    )
                    for criterion in template.criterion_ids
                ]
        scores = super().create(vals_list)
        scores._check_user_is_scorer()
        return scores

    def _party_locked_message(self):
        if self.state == "confirmed":
            return self.env._(
                "%(score)s is confirmed: the party office reopens it to change it.",
                score=self.display_name,
            )
        return self.env._(
            "%(score)s was submitted: the assigned cadre adjusts its points, with a "
            "reason, before confirming.",
            score=self.display_name,
        )

    def write(self, vals):
        if vals.get("adjustment_reason"):
            self._check_adjustable()
        if "template_id" in vals or "meeting_id" in vals:
            if self.line_ids:
                raise UserError(
                    self.env._(
                        "A score sheet stays with its meeting and rubric: delete it "
                        "and score the meeting again."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(score.state != "draft" for score in self):
            raise UserError(
                self.env._("Only a score sheet still being scored can be deleted.")
            )

    def action_submit(self):
        """The cell secretary hands the sheet to the assigned cadre."""
        self._check_user_is_scorer()
        self._party_lock_for_update()
        if any(score.state != "draft" for score in self):
            raise UserError(self.env._("Only a sheet being scored can be submitted."))
        self._party_write_as_system(
            {
                "state": "submitted",
                "submitted_by_id": self.env.uid,
                "date_submitted": fields.Datetime.now(),
            }
        )
        return True

    def action_confirm(self):
        """The assigned cadre confirms the sheet, with the points they adjusted
        on its lines (final points) and the reason for any adjustment; the
        cell's own scores are kept beside them."""
        self._check_user_is_confirmer()
        self._party_lock_for_update()
        for score in self:
            if score.state != "submitted":
                raise UserError(
                    self.env._(
                        "%(score)s is not waiting for confirmation: the cell "
                        "secretary submits it first.",
                        score=score.display_name,
                    )
                )
            if score.is_adjusted and not (score.adjustment_reason or "").strip():
                raise UserError(
                    self.env._(
                        "You changed the cell's scores on %(score)s: give the reason "
                        "for the adjustment.",
                        score=score.display_name,
                    )
                )
        self._party_write_as_system(
            {
                "state": "confirmed",
                "confirmed_by_id": self.env.uid,
                "date_confirmed": fields.Datetime.now(),
            }
        )
        for score in self:
            score._post_confirmation()
        return True

    def action_reset_to_draft(self):
        """An office or administrator reopens a sheet; the cadre's adjustments
        are dropped (the chatter keeps them)."""
        if not (
            self.env.su or self.env.user.has_group("party_cell_meeting.group_party_office")
        ):
            raise AccessError(
                self.env._("Only the party office can reopen a score sheet.")
            )
        self._party_write_as_system(
            {
                "state": "draft",
                "confirmed_by_id": False,
                "date_confirmed": False,
                "adjustment_reason": False,
            }
        )
        for line in self.line_ids.filtered("is_adjusted"):
            line.write({"points": line.points, "final_points": line.points})
        return True

    def _post_confirmation(self):
        self.ensure_one()
        adjusted = self.line_ids.filtered("is_adjusted")
        # one sentence per class: the code's own translations, which the
        # demo's confirmations (made before the module's terms are loaded) read too
        confirmed = {
            "excellent": self.env._("Score confirmed: %(total)s points, Excellent."),
            "good": self.env._("Score confirmed: %(total)s points, Good."),
            "average": self.env._("Score confirmed: %(total)s points, Average."),
            "poor": self.env._("Score confirmed: %(total)s points, Poor."),
        }
        body = confirmed[self.classification] % {"total": format_points(self.env, self.total)}
        if adjusted:
            body = Markup("%s<br/>%s<ul>%s</ul>%s") % (
                body,
                self.env._(
                    "The cell scored %(total)s; the cadre adjusted:",
                    total=format_points(self.env, self.self_total),
                ),
                Markup().join(
                    Markup("<li>%s</li>")
                    % self.env._(
                        "%(criterion)s: %(points)s → %(final)s",
                        criterion=line.criterion_id.name,
                        points=format_points(self.env, line.points),
                        final=format_points(self.env, line.final_points),
                    )
                    for line in adjusted
                ),
                self.env._("Reason: %(reason)s", reason=self.adjustment_reason),
            )
        self._party_log(body)

    @api.depends("state", "cell_id", "date")
    @api.depends_context("uid")
    def _compute_points_to_fill(self):
        confirmable = self.filtered(lambda score: score.state == "submitted")._confirmable_scores()
        for score in self:
            if score.state == "draft" and score.cell_id._is_kept_by_current_user():
                score.points_to_fill = "points"
            elif score in confirmable:
                score.points_to_fill = "final_points"
            else:
                score.points_to_fill = False

    def _confirmable_scores(self):
        """The sheets of cells the current user is assigned to on the
        meeting's date (or all for an administrator)."""
        if self.env.su or self.env.user.has_group("party_cell_meeting.group_party_manager"):
            return self
        assignments = self.env["party.assignment"].sudo().search(
            [
                ("cadre_id.user_id", "=", self.env.uid),
                ("cell_id", "in", self.cell_id.ids),
                ("state", "in", ("in_force", "ended")),
            ]
        )
        return self.filtered(
            lambda score: any(
                assignment.cell_id == score.cell_id
                and assignment._is_in_force_on(score.date)
                for assignment in assignments
            )
        )

    def _check_user_is_scorer(self):
        refused = self.filtered(lambda score: not score.cell_id._is_kept_by_current_user())
        if refused:
            raise AccessError(
                self.env._(
                    "Only the secretary of %(cell)s, or its party office, scores its "
                    "meetings.",
                    cell=refused[0].cell_id.name,
                )
            )

    def _check_user_is_confirmer(self):
        refused = self - self._confirmable_scores()
        if refused:
            raise AccessError(
                self.env._(
                    "Only a cadre assigned to %(cell)s on %(date)s confirms the score "
                    "of its meeting.",
                    cell=refused[0].cell_id.name,
                    date=refused[0].date.strftime("%d/%m/%Y"),
                )
            )

    def _check_adjustable(self):
        if any(score.state != "submitted" for score in self):
            raise UserError(
                self.env._(
                    "The assigned cadre adjusts the scores of a sheet the cell has "
                    "submitted and that is not yet confirmed."
                )
            )
        self._check_user_is_confirmer()

    @api.model
    def _suggest_attendance_points(self, meetings):
        """{meeting: points out of 5 suggested for attendance}: 4 when 90 % of
        the members or more were present, 3 from 75 %, 2 from 65 %, 1 below or
        when any member was absent without excuse; plus 1 when no member was
        excused more than 3 times in a row this year up to the meeting. Exempt
        members are left out."""
        if not meetings:
            return {}
        first_day = min(meetings.mapped("date")).replace(month=1, day=1)
        # the members' attendance at the cells' held meetings this year, at once
        history = self.env["party.meeting.attendance"].sudo().search(
            [
                ("cell_id", "in", meetings.cell_id.ids),
                ("attendee_role", "=", "member"),
                ("date", ">=", first_day),
                ("date", "<=", max(meetings.mapped("date"))),
                ("status", "in", ATTENDED_STATUSES),
                ("member_id.is_exempt", "=", False),
                "|", ("meeting_id.state", "=", "held"), ("meeting_id", "in", meetings.ids),
            ]
        )
        history_by_cell_year = history.grouped(lambda line: (line.cell_id, line.date.year))
        Attendance = self.env["party.meeting.attendance"]
        result = {}
        for meeting in meetings:
            members = meeting.sudo().attendance_ids.filtered(
                lambda line: line.attendee_role == "member" and not line.member_id.is_exempt
            )
            present = len(members.filtered(lambda line: line.status == "present"))
            count = len(members)
            if not count or any(line.status == "absent_unexcused" for line in members):
                points = 1
            elif present * 100 >= 90 * count:
                points = 4
            elif present * 100 >= 75 * count:
                points = 3
            elif present * 100 >= 65 * count:
                points = 2
            else:
                points = 1
            lines = history_by_cell_year.get((meeting.cell_id, meeting.date.year), Attendance)
            streaks = self._excused_streaks(lines, until=meeting.date)
            if all(run <= MAX_EXCUSED_IN_A_ROW for run in streaks.values()):
                points += 1
            result[meeting] = points
        return result

    @api.model
    def _excused_streaks(self, lines, until=None):
        """{member: longest run of excused absences in a row} over attendance
        lines (one member's lines ordered by meeting date), up to `until`."""
        longest = defaultdict(int)
        current = defaultdict(int)
        for line in lines.sorted(lambda line: (line.date, line.meeting_id.id)):
            if until and line.date > until:
                continue
            member = line.member_id
            if line.status == "absent_excused":
                current[member] += 1
                longest[member] = max(longest[member], current[member])
            else:
                current[member] = 0
        return longest
