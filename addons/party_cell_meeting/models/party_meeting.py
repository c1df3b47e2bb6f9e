from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class PartyMeeting(models.Model):
    _name = "party.meeting"
    _description = "Party Cell Meeting"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.scope.mixin"]
    _order = "date desc, cell_id"
    _party_scope_fields = ("cell_id",)
    _rec_names_search = ["cell_id.complete_name", "period", "topic"]
    # Members and cadres who may read a meeting may also comment on it.
    _mail_post_access = "read"

    cell_id = fields.Many2one(
        "party.organization",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('level', '=', 'cell')]",
    )
    district_id = fields.Many2one(related="cell_id.district_id", store=True)
    company_id = fields.Many2one(related="cell_id.company_id", store=True)
    date = fields.Date(required=True, tracking=True, index=True)
    time_start = fields.Float(
        "Start Time", default=19.5, help="Hour the meeting starts, e.g. 19:30."
    )
    period = fields.Char(
        compute="_compute_period",
        store=True,
        index=True,
        help="The month of the meeting, as YYYY-MM.",
    )
    kind = fields.Selection(
        [
            ("regular", "Regular"),
            ("thematic", "Thematic"),
            ("extraordinary", "Extraordinary"),
        ],
        required=True,
        default="regular",
        tracking=True,
    )
    state = fields.Selection(
        [("planned", "Planned"), ("held", "Held"), ("cancelled", "Cancelled")],
        required=True,
        default="planned",
        copy=False,
        tracking=True,
        index=True,
    )
    location = fields.Char()
    topic = fields.Char(help="The topic of a thematic meeting, or the main agenda item.")
    agenda = fields.Html()
    minutes = fields.Html(help="What was discussed and resolved.")
    cancel_reason = fields.Char(tracking=True)
    attendance_ids = fields.One2many(
        "party.meeting.attendance", "meeting_id", copy=False
    )
    member_count = fields.Integer(
        "Members Due", compute="_compute_attendance_counts", store=True
    )
    present_count = fields.Integer(
        "Present", compute="_compute_attendance_counts", store=True
    )
    excused_count = fields.Integer(
        "Absent (Excused)", compute="_compute_attendance_counts", store=True
    )
    unexcused_count = fields.Integer(
        "Absent (Unexcused)", compute="_compute_attendance_counts", store=True
    )
    attendance_rate = fields.Float(
        compute="_compute_attendance_counts",
        store=True,
        aggregator="avg",
        help="Share of the cell's members (exempt members left out) present.",
    )
    cadre_attended = fields.Boolean(
        "Assigned Cadre Attended",
        compute="_compute_attendance_counts",
        store=True,
        help="At least one cadre assigned to the cell attended.",
    )
    color = fields.Integer(compute="_compute_color")
    report_ids = fields.One2many("party.meeting.report", "meeting_id", "Cadres' Reports")
    proposal_ids = fields.One2many("party.proposal", "meeting_id", "Proposals Raised")
    answer_proposal_ids = fields.Many2many(
        "party.proposal",
        string="Answers to Report Back",
        compute="_compute_answer_proposal_ids",
        help="Proposals of the cell answered since its previous meeting: the "
        "answers are reported back to the members at this meeting.",
    )

    _sql_constraints = [
        (
            # An exclusion constraint, unlike a partial unique index, gets its
            # message shown to the user; generation relies on it to never
            # duplicate a meeting (INSERT … ON CONFLICT DO NOTHING).
            "regular_cell_period_uniq",
            "EXCLUDE (cell_id WITH =, period WITH =) WHERE (kind = 'regular')",
            "A cell holds one regular meeting a month: change the date of the "
            "existing meeting, or record this one as thematic or extraordinary.",
        ),
    ]

    @api.depends("cell_id.name", "date", "kind")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # computed, not stored: the name reads in each user's language
        kind_labels = dict(self._fields["kind"]._description_selection(self.env))
        for meeting in self:
            if not meeting.date:
                meeting.display_name = meeting.cell_id.name
                continue
            meeting.display_name = self.env._(
                "%(kind)s meeting %(month)s – %(cell)s",
                kind=kind_labels[meeting.kind],
                month=meeting.date.strftime("%m/%Y"),
                cell=meeting.cell_id.name or "",
            )

    @api.depends("date")
    def _compute_period(self):
        for meeting in self:
            meeting.period = meeting.date and meeting.date.strftime("%Y-%m")

    @api.depends(
        "attendance_ids.status",
        "attendance_ids.attendee_role",
        "attendance_ids.member_id.is_exempt",
    )
    def _compute_attendance_counts(self):
        for meeting in self:
            members = meeting.attendance_ids.filtered(
                lambda line: line.attendee_role == "member"
                and not line.member_id.is_exempt
            )
            present = members.filtered(lambda line: line.status == "present")
            meeting.member_count = len(members)
            meeting.present_count = len(present)
            meeting.excused_count = len(
                members.filtered(lambda line: line.status == "absent_excused")
            )
            meeting.unexcused_count = len(
                members.filtered(lambda line: line.status == "absent_unexcused")
            )
            meeting.attendance_rate = (
                100.0 * len(present) / len(members) if members else 0.0
            )
            meeting.cadre_attended = any(
                line.attendee_role == "assigned_cadre" and line.status == "present"
                for line in meeting.attendance_ids
            )

    @api.depends("state")
    def _compute_color(self):
        colors = {"planned": 4, "held": 10, "cancelled": 1}
        for meeting in self:
            meeting.color = colors.get(meeting.state, 0)

    @api.depends("cell_id", "date")
    def _compute_answer_proposal_ids(self):
        """Proposals answered on or after the cell's previous meeting day and
        before this meeting's day; three queries for the whole batch."""
        Proposal = self.env["party.proposal"]
        dated = self.filtered("date")
        (self - dated).answer_proposal_ids = Proposal
        if not dated:
            return
        last_date = max(dated.mapped("date"))
        meeting_dates = dict(
            self._read_group(
                [
                    ("cell_id", "in", dated.cell_id.ids),
                    ("state", "!=", "cancelled"),
                    ("date", "<", last_date),
                ],
                ["cell_id"],
                ["date:array_agg"],
            )
        )
        answers = Proposal.search(
            [
                ("cell_id", "in", dated.cell_id.ids),
                ("state", "in", ("resolved", "rejected")),
                ("date_resolved", "<", last_date),
            ]
        )
        for meeting in dated:
            earlier = [day for day in meeting_dates.get(meeting.cell_id, []) if day < meeting.date]
            since = max(earlier) if earlier else None
            meeting.answer_proposal_ids = answers.filtered(
                lambda proposal, meeting=meeting, since=since: proposal.cell_id == meeting.cell_id
                and proposal.date_resolved < meeting.date
                and (since is None or proposal.date_resolved >= since)
            )

    @api.constrains("cell_id")
    def _check_cell(self):
        for meeting in self:
            if meeting.cell_id.level != "cell":
                raise ValidationError(
                    self.env._(
                        "%(organization)s is not a cell: only cells hold these "
                        "meetings.",
                        organization=meeting.cell_id.name,
                    )
                )

    def write(self, vals):
        if "cell_id" in vals and any(meeting.attendance_ids for meeting in self):
            raise UserError(
                self.env._(
                    "This meeting already has attendance recorded: it cannot be "
                    "moved to another cell."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held(self):
        if any(meeting.state == "held" for meeting in self):
            raise UserError(
                self.env._(
                    "A meeting that was held stays on record: it cannot be deleted."
                )
            )

    def action_mark_held(self):
        today = fields.Date.context_today(self)
        for meeting in self:
            if meeting.state != "planned":
                raise UserError(
                    self.env._(
                        "Only a planned meeting can be marked as held (%(meeting)s).",
                        meeting=meeting.display_name,
                    )
                )
            if meeting.date > today:
                raise UserError(
                    self.env._(
                        "%(meeting)s is planned for %(date)s: it cannot be marked "
                        "as held before that day.",
                        meeting=meeting.display_name,
                        date=meeting.date.strftime("%d/%m/%Y"),
                    )
                )
            pending = meeting.attendance_ids.filtered(
                lambda line: line.status == "pending"
            )
            if pending:
                raise UserError(
                    self.env._(
                        "Record the attendance of everyone before marking the "
                        "meeting as held. Still to record: %(names)s.",
                        names=", ".join(pending.member_id.mapped("name")),
                    )
                )
        self.write({"state": "held"})
        self.env["party.meeting.report"]._create_for_meetings(self)
        return True

    def action_cancel(self):
        if any(meeting.state != "planned" for meeting in self):
            raise UserError(
                self.env._("Only a planned meeting can be cancelled.")
            )
        self.write({"state": "cancelled"})
        return True

    def action_reset_to_planned(self):
        if any(meeting.state != "cancelled" for meeting in self):
            raise UserError(
                self.env._("Only a cancelled meeting can be planned again.")
            )
        self.write({"state": "planned"})
        return True

    def action_open_my_report(self):
        """Open the current user's report on this meeting, created if due."""
        self.ensure_one()
        Report = self.env["party.meeting.report"]
        report = Report.search(
            [("meeting_id", "=", self.id), ("cadre_id.user_id", "=", self.env.uid)], limit=1
        )
        if not report:
            line = self.attendance_ids.filtered(
                lambda line: line.assignment_id
                and line.status == "present"
                and line.member_id.user_id == self.env.user
            )[:1]
            if not line:
                raise UserError(
                    self.env._(
                        "Only an assigned cadre who attended the meeting files a "
                        "report on it: record your attendance as present first."
                    )
                )
            report = Report.create({"meeting_id": self.id, "assignment_id": line.assignment_id.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.meeting.report",
            "res_id": report.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_load_attendance(self):
        """Add an attendance line for every active member of the cell and every
        cadre assigned to it on the meeting day who has none yet."""
        planned = self.filtered(lambda meeting: meeting.state == "planned")
        if not planned:
            raise UserError(
                self.env._("Attendance can only be loaded for planned meetings.")
            )
        existing = {
            (line.meeting_id.id, line.member_id.id)
            for line in planned.attendance_ids
        }
        members_by_cell = dict(
            self.env["party.member"]._read_group(
                [("organization_id", "in", planned.cell_id.ids)],
                ["organization_id"],
                ["id:recordset"],
            )
        )
        Assignment = self.env["party.assignment"]
        vals_list = []
        for meeting in planned:
            for member in members_by_cell.get(meeting.cell_id, self.env["party.member"]):
                if (meeting.id, member.id) not in existing:
                    existing.add((meeting.id, member.id))
                    vals_list.append(
                        {
                            "meeting_id": meeting.id,
                            "member_id": member.id,
                            "attendee_role": "member",
                        }
                    )
        dates = planned.mapped("date")
        assignments = Assignment.search(
            [("cell_id", "in", planned.cell_id.ids)]
            + Assignment._in_force_domain(min(dates), max(dates))
        )
        for meeting in planned:
            for assignment in assignments.filtered(
                lambda a, meeting=meeting: a.cell_id == meeting.cell_id
                and a._is_in_force_on(meeting.date)
            ):
                if (meeting.id, assignment.cadre_id.id) not in existing:
                    existing.add((meeting.id, assignment.cadre_id.id))
                    vals_list.append(
                        {
                            "meeting_id": meeting.id,
                            "member_id": assignment.cadre_id.id,
                            "attendee_role": "assigned_cadre",
                            "assignment_id": assignment.id,
                        }
                    )
        self.env["party.meeting.attendance"].create(vals_list)
        return True
