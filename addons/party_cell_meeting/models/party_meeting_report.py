from collections import Counter

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_activity import schedule_activities

# The steps of a cell meeting, in the order of Hướng dẫn 42-HD/BTCTW: the
# report form shows them in this order.
MEETING_STEPS = (
    "step_notice",
    "step_roll_call",
    "step_party_fee",
    "step_programme",
    "step_task_review",
    "step_discussion",
    "step_criticism",
    "step_task_assignment",
    "step_proposals",
    "step_resolution",
    "step_quality_score",
    "step_minutes_read",
)
ATTENDANCE_FIELDS = (
    "member_total",
    "member_present",
    "member_excused",
    "member_unexcused",
    "member_exempt",
)


class PartyMeetingReport(models.Model):
    _name = "party.meeting.report"
    _description = "Cadre's Meeting Report"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "party.scope.mixin", "party.integrity.mixin"
    ]
    _order = "date_deadline desc, meeting_id, id"
    _party_scope_fields = ("meeting_id", "assignment_id")
    _party_system_fields = ("date_submitted", "date_missing_notified")
    _party_owner_fields = ("meeting_id", "assignment_id")
    # a submitted report is kept as submitted: the office reopens it
    _party_open_fields_by_state = {"submitted": ()}
    _party_lock_rows = True
    _rec_names_search = ["cadre_id.name", "cell_id.name", "period"]
    _mail_post_access = "read"

    meeting_id = fields.Many2one(
        "party.meeting",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('state', '!=', 'cancelled')]",
    )
    assignment_id = fields.Many2one(
        "party.assignment",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The assignment under which the cadre attended the meeting.",
    )
    cadre_id = fields.Many2one(
        related="assignment_id.cadre_id", store=True, index=True, string="Cadre"
    )
    cell_id = fields.Many2one(related="meeting_id.cell_id", store=True, index=True)
    superior_id = fields.Many2one(related="meeting_id.superior_id", store=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    meeting_date = fields.Date(related="meeting_id.date", store=True, string="Meeting Date")
    period = fields.Char(related="meeting_id.period", store=True)
    date_deadline = fields.Date(
        "Due Date",
        compute="_compute_date_deadline",
        store=True,
        index=True,
        help="The report due day of the meeting's month, or of the next month "
        "for a meeting held after that day.",
    )
    date_submitted = fields.Date("Submitted On", readonly=True, copy=False, tracking=True)
    state = fields.Selection(
        [("draft", "To Submit"), ("submitted", "Submitted")],
        required=True,
        default="draft",
        copy=False,
        index=True,
        tracking=True,
    )
    date_missing_notified = fields.Datetime(
        "Missing Report Notified On",
        copy=False,
        readonly=True,
        help="When the cadre and the office of the superior committee were told "
        "the report is missing.",
    )
    is_late = fields.Boolean(
        "Submitted Late",
        compute="_compute_is_late",
        store=True,
        index=True,
        help="Submitted after its due date.",
    )

    is_overdue = fields.Boolean(
        "Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Not submitted, and its due date has passed.",
    )

    # 1. time and attendance
    # taken from what the secretary recorded on the meeting when the report
    # is made, then the cadre's own account
    time_start = fields.Float(
        "Actual Start",
        compute="_compute_from_meeting",
        store=True,
        readonly=False,
        precompute=True,
        help="Hour the meeting actually started.",
    )
    time_end = fields.Float(
        "Actual End",
        compute="_compute_from_meeting",
        store=True,
        readonly=False,
        precompute=True,
        help="Hour the meeting ended.",
    )
    duration = fields.Float(compute="_compute_duration", help="Length of the meeting, in hours.")
    member_total = fields.Integer(
        "Members in the Cell",
        compute="_compute_attendance_counts",
        store=True,
        readonly=False,
        precompute=True,
    )
    member_present = fields.Integer(
        "Members Present",
        compute="_compute_attendance_counts",
        store=True,
        readonly=False,
        precompute=True,
    )
    member_excused = fields.Integer(
        "Absent with Reason",
        compute="_compute_attendance_counts",
        store=True,
        readonly=False,
        precompute=True,
    )
    member_unexcused = fields.Integer(
        "Absent without Reason",
        compute="_compute_attendance_counts",
        store=True,
        readonly=False,
        precompute=True,
    )
    member_exempt = fields.Integer(
        "Exempt Members",
        compute="_compute_attendance_counts",
        store=True,
        readonly=False,
        precompute=True,
    )
    # 2. the steps held, in the order of a cell meeting
    step_notice = fields.Boolean(
        "Notice and Documents a Day Ahead",
        compute="_compute_from_meeting",
        store=True,
        readonly=False,
        precompute=True,
        help="The notice and the documents were sent to members at least a day ahead.",
    )
    step_roll_call = fields.Boolean("Roll Call")
    step_party_fee = fields.Boolean("Party Fee Report")
    step_programme = fields.Boolean("Programme Adopted")
    step_task_review = fields.Boolean(
        "Members' Tasks Reported and Reviewed",
        help="Report on last month's resolution and review of the tasks given to members.",
    )
    step_discussion = fields.Boolean("Discussion")
    step_criticism = fields.Boolean("Criticism and Self-criticism")
    step_task_assignment = fields.Boolean("Tasks Assigned with Deadlines")
    step_proposals = fields.Boolean("Proposals Handled")
    step_resolution = fields.Boolean("Resolution Adopted")
    step_quality_score = fields.Boolean("Meeting Quality Scored")
    step_minutes_read = fields.Boolean("Minutes Read and Adopted")
    steps_done = fields.Integer(
        "Steps Held", compute="_compute_steps_done", help="How many of the steps were held."
    )
    # 3. content and participation
    topic = fields.Char(
        "Content and Thematic Topic",
        compute="_compute_topic",
        store=True,
        readonly=False,
        precompute=True,
    )
    content = fields.Html("Content of the Meeting")
    speaker_count = fields.Integer("Members Who Spoke")
    young_speaker_count = fields.Integer(
        "Young Members Who Spoke", help="Of the members who spoke, how many were young members."
    )
    # 4. the cadre's part
    remarks = fields.Html(
        "Remarks and Guidance", help="What the cadre said to the cell: remarks and guidance."
    )
    policy_info = fields.Html(
        "Policy Information Conveyed",
        help="The Party's and State's policies and the committee's guidance conveyed.",
    )
    proposal_ids = fields.One2many("party.proposal", "report_id", "Proposals")
    proposal_count = fields.Integer(compute="_compute_proposal_count")

    _sql_constraints = [
        (
            "meeting_assignment_uniq",
            "unique(meeting_id, assignment_id)",
            "A cadre files one report per meeting.",
        ),
        (
            "counts_positive",
            "CHECK(member_total >= 0 AND member_present >= 0 AND member_excused >= 0 "
            "AND member_unexcused >= 0 AND member_exempt >= 0 AND speaker_count >= 0 "
            "AND young_speaker_count >= 0)",
            "The numbers of a report cannot be negative.",
        ),
    ]

    @api.depends("cadre_id.name", "meeting_id.display_name")
    def _compute_display_name(self):
        for report in self:
            report.display_name = self.env._(
                "Report of %(cadre)s on %(meeting)s",
                cadre=report.cadre_id.name or "",
                meeting=report.meeting_id.display_name or "",
            )

    @api.depends("meeting_id.date")
    def _compute_date_deadline(self):
        # the rule of the day the report is created: a later change of the
        # settings does not move the deadlines already given
        due_days = self.env["party.organization.rule"]._values_for(
            "report_due_day",
            [
                (report.meeting_id.cell_id, report.meeting_id.date)
                for report in self
                if report.meeting_id.date
            ],
        )
        for report in self:
            meeting = report.meeting_id
            if not meeting.date:
                report.date_deadline = False
                continue
            company = meeting.company_id or self.env.company
            report.date_deadline = company._party_report_due_date(
                meeting.date, due_days.get((meeting.cell_id, meeting.date))
            )


    @api.depends("state", "date_deadline")
    @api.depends_context("tz")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for report in self:
            report.is_overdue = bool(
                report.state == "draft" and report.date_deadline and report.date_deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported."))
        domain = [
            ("state", "=", "draft"),
            ("date_deadline", "<", fields.Date.context_today(self)),
        ]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    @api.depends("date_submitted", "date_deadline")
    def _compute_is_late(self):
        for report in self:
            report.is_late = bool(
                report.date_submitted
                and report.date_deadline
                and report.date_submitted > report.date_deadline
            )

    @api.depends("meeting_id")
    def _compute_from_meeting(self):
        for report in self:
            meeting = report.meeting_id.sudo()
            report.time_start = meeting.time_start if meeting.time_end else 0.0
            report.time_end = meeting.time_end
            report.step_notice = meeting.documents_in_time

    @api.depends("time_start", "time_end")
    def _compute_duration(self):
        for report in self:
            report.duration = max(report.time_end - report.time_start, 0.0)

    @api.depends("meeting_id")
    def _compute_attendance_counts(self):
        counts = self._attendance_counts(self.meeting_id)
        for report in self:
            values = counts.get(report.meeting_id.id, {})
            for field_name in ATTENDANCE_FIELDS:
                report[field_name] = values.get(field_name, 0)

    @api.depends("meeting_id")
    def _compute_topic(self):
        for report in self:
            report.topic = report.meeting_id.topic

    @api.depends(*MEETING_STEPS)
    def _compute_steps_done(self):
        for report in self:
            report.steps_done = sum(bool(report[step]) for step in MEETING_STEPS)

    @api.depends("proposal_ids")
    def _compute_proposal_count(self):
        for report in self:
            report.proposal_count = len(report.proposal_ids)

    @api.constrains("meeting_id", "assignment_id")
    def _check_assignment(self):
        for report in self:
            meeting, assignment = report.meeting_id, report.assignment_id
            if meeting.state == "cancelled":
                raise ValidationError(
                    self.env._(
                        "%(meeting)s was cancelled: there is nothing to report on.",
                        meeting=meeting.display_name,
                    )
                )
            if assignment.cell_id != meeting.cell_id or not assignment._is_in_force_on(
                meeting.date
            ):
                raise ValidationError(
                    self.env._(
                        "%(cadre)s was not assigned to %(cell)s on %(date)s: the "
                        "report is filed under the assignment in force that day.",
                        cadre=assignment.cadre_id.name,
                        cell=meeting.cell_id.name,
                        date=meeting.date.strftime("%d/%m/%Y"),
                    )
                )

    @api.constrains(*ATTENDANCE_FIELDS)
    def _check_attendance_counts(self):
        for report in self:
            counted = report.member_present + report.member_excused + report.member_unexcused
            if counted > report.member_total or report.member_exempt > report.member_total:
                raise ValidationError(
                    self.env._(
                        "The cell has %(total)s members: present, excused and unexcused "
                        "(%(counted)s) or exempt (%(exempt)s) cannot be more.",
                        total=report.member_total,
                        counted=counted,
                        exempt=report.member_exempt,
                    )
                )

    @api.constrains("speaker_count", "young_speaker_count", "member_present")
    def _check_speakers(self):
        for report in self:
            if report.young_speaker_count > report.speaker_count:
                raise ValidationError(
                    self.env._(
                        "More young members spoke (%(young)s) than members in all "
                        "(%(speakers)s).",
                        young=report.young_speaker_count,
                        speakers=report.speaker_count,
                    )
                )

    @api.constrains("time_start", "time_end")
    def _check_times(self):
        for report in self:
            if not (0 <= report.time_start < 24 and 0 <= report.time_end < 24):
                raise ValidationError(
                    self.env._("Give the hours of the meeting between 0:00 and 24:00.")
                )
            if report.time_end and report.time_end < report.time_start:
                raise ValidationError(self.env._("The meeting cannot end before it starts."))

    def _party_locked_message(self):
        return self.env._(
            "A submitted report is locked: ask the party office to reopen it "
            "before changing it."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if any(report.date_submitted for report in self):
            raise UserError(
                self.env._("A report that was submitted stays on record: it cannot be deleted.")
            )
        # a held meeting's report is owed: deleting it would only silence the
        # reminders (the statistics count it missing all the same)
        if not self.env.su and any(report.meeting_id.state == "held" for report in self):
            raise UserError(
                self.env._(
                    "This report is owed on a meeting that was held: file it instead of "
                    "deleting it."
                )
            )
        # proposals are deleted with their report only while nobody acts on them
        if any(proposal.state != "new" for proposal in self.sudo().proposal_ids):
            raise UserError(
                self.env._(
                    "This report carries proposals sent to their authorities: it "
                    "stays on record with them."
                )
            )

    def action_submit(self):
        self._party_lock_for_update()
        today = fields.Date.context_today(self)
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._(
                        "%(report)s was already submitted.", report=report.display_name
                    )
                )
            if report.meeting_date > today:
                raise UserError(
                    self.env._(
                        "The meeting is on %(date)s: report on it once it is held.",
                        date=report.meeting_date.strftime("%d/%m/%Y"),
                    )
                )
        # proposals raised in the report go to their authorities with it
        self.proposal_ids.filtered(lambda proposal: proposal.state == "new").action_assign()
        first_time = self.filtered(lambda report: not report.date_submitted)
        first_time._party_write_as_system({"date_submitted": today})
        self._party_write_as_system({"state": "submitted"})
        # on a phone the status bar is folded away: say plainly that it went
        sent = len(self.proposal_ids.filtered(lambda proposal: proposal.state != "new"))
        if sent:
            message = self.env._(
                "Report submitted to the party office; %(count)s proposals were sent to "
                "the authorities that resolve them.",
                count=sent,
            )
        else:
            message = self.env._("Report submitted to the party office.")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_follow_all_steps(self):
        """Tick every step of the order of the meeting at once: most meetings
        follow all of them, and the cadre then unticks the one that was not.
        A submitted report refuses it like any other change."""
        self.write(dict.fromkeys(MEETING_STEPS, True))
        return True

    def action_reopen(self, reason=None):
        """Give a submitted report back to its cadre; only the party office
        may, and says why in the chatter. The first submission date stays:
        reopening is not the cadre's delay."""
        if not self.env.user.has_group("party_cell_meeting.group_party_office"):
            raise UserError(self.env._("Only the party office can reopen a submitted report."))
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the report is reopened."))
        self._party_lock_for_update()
        if any(report.state != "submitted" for report in self):
            raise UserError(self.env._("Only a submitted report can be reopened."))
        self._party_write_as_system({"state": "draft"})
        self._party_log(
            Markup("%s<br/>%s") % (self.env._("Report reopened for correction. Reason:"), reason),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def action_open_reopen_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reopen Report"),
            "res_model": "party.meeting.report.reopen.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_report_ids": self.ids},
        }

    def action_refresh_attendance(self):
        """Copy the attendance recorded on the meeting into the report again."""
        if any(report.state != "draft" for report in self):
            raise UserError(self.env._("A submitted report is locked."))
        counts = self._attendance_counts(self.meeting_id)
        empty = dict.fromkeys(ATTENDANCE_FIELDS, 0)
        for report in self:
            report.write({**empty, **counts.get(report.meeting_id.id, {})})
        return True

    def action_open_proposals(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Proposals"),
            "res_model": "party.proposal",
            "view_mode": "list,form",
            "domain": [("report_id", "=", self.id)],
            "context": {"default_report_id": self.id},
        }

    @api.model
    def _attendance_counts(self, meetings):
        """{meeting id: report values} from the members' attendance lines of
        meetings, in one query."""
        counts = {}
        if not meetings:
            return counts
        Attendance = self.env["party.meeting.attendance"].sudo()
        domain = [("meeting_id", "in", meetings.ids), ("attendee_role", "=", "member")]
        status_fields = {
            "present": "member_present",
            "absent_excused": "member_excused",
            "absent_unexcused": "member_unexcused",
        }
        for meeting, status, count in Attendance._read_group(
            domain, ["meeting_id", "status"], ["__count"]
        ):
            values = counts.setdefault(meeting.id, Counter())
            values["member_total"] += count
            if status in status_fields:
                values[status_fields[status]] += count
        for meeting, count in Attendance._read_group(
            domain + [("member_id.is_exempt", "=", True)], ["meeting_id"], ["__count"]
        ):
            counts[meeting.id]["member_exempt"] += count
        return {meeting_id: dict(values) for meeting_id, values in counts.items()}

    @api.model
    def _create_for_meetings(self, meetings):
        """The reports due on meetings: one per assigned cadre present, for
        those without one yet."""
        lines = self.env["party.meeting.attendance"].sudo().search(
            [
                ("meeting_id", "in", meetings.ids),
                ("attendee_role", "=", "assigned_cadre"),
                ("status", "=", "present"),
                ("assignment_id", "!=", False),
            ]
        )
        existing = set(
            self.sudo()
            .search([("meeting_id", "in", meetings.ids)])
            .mapped(lambda report: (report.meeting_id.id, report.assignment_id.id))
        )
        vals_list = [
            {"meeting_id": line.meeting_id.id, "assignment_id": line.assignment_id.id}
            for line in lines
            if (line.meeting_id.id, line.assignment_id.id) not in existing
        ]
        return self.sudo().create(vals_list)

    # ------------------------------------------------------------------
    # Missing reports
    # ------------------------------------------------------------------

    @api.model
    def _cron_notify_missing_reports(self, batch_size=50):
        """Daily: each report still to submit after its due date gets an
        activity for its cadre, and the office of the superior committee
        of the cell one digest of its missing reports. A report is notified once,
        so the cron can run twice.

        The reports of batch_size superior committees a call, each committee
        with all its reports (so one digest each): Odoo's cron runner
        commits the batch and calls again while committees remain."""
        domain = [
            ("state", "=", "draft"),
            ("date_deadline", "<", fields.Date.context_today(self)),
            ("date_missing_notified", "=", False),
        ]
        superior_ids = [
            superior.id for superior, in self._read_group(domain, ["superior_id"])
        ]
        batch = superior_ids[:batch_size]
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=len(superior_ids) - len(batch)
        )
        missing = self.search(domain + [("superior_id", "in", batch)])
        if not missing:
            return
        today = fields.Date.context_today(self)
        schedule_activities(
            self.env.ref("party_cell_meeting.mail_activity_type_file_report"),
            [
                (
                    report,
                    report.cadre_id.user_id,
                    today,
                    report.with_context(lang=report.cadre_id.user_id.lang).env._(
                        "Your report on this meeting was due on %(date)s.",
                        date=report.date_deadline.strftime("%d/%m/%Y"),
                    ),
                )
                for report in missing
            ],
        )
        missing._post_missing_digests()
        missing.sudo().date_missing_notified = fields.Datetime.now()

    def _post_missing_digests(self):
        """One message per superior committee, on it, to its office users;
        a committee with no office user of its own is read by the nearest
        office above it (a new ward before its office is set up)."""
        office_group = self.env.ref("party_cell_meeting.group_party_office")
        superiors = self.superior_id
        ancestor_ids = {
            int(ancestor_id)
            for path in superiors.mapped("parent_path")
            for ancestor_id in path.split("/")
            if ancestor_id
        }
        offices = self.env["res.users"].search(
            [
                ("groups_id", "in", office_group.ids),
                ("party_organization_ids", "in", list(ancestor_ids)),
            ]
        )
        for superior, reports in self.grouped("superior_id").items():
            recipients = self.env["res.users"]
            for ancestor_id in reversed(superior.parent_path.split("/")[:-1] if superior else []):
                recipients = offices.filtered(
                    lambda user, ancestor_id=int(ancestor_id): ancestor_id
                    in user.party_organization_ids.ids
                )
                if recipients:
                    break
            if not recipients:
                continue
            lang = recipients[0].lang
            body = self.env["ir.qweb"].with_context(lang=lang)._render(
                "party_cell_meeting.missing_reports_digest",
                {"reports": reports.sorted(lambda r: (r.cell_id.name, r.meeting_date))},
            )
            superior.message_post(
                body=body,
                subject=superior.with_context(lang=lang).env._(
                    "Missing reports of assigned cadres: %(count)s",
                    count=len(reports),
                ),
                partner_ids=recipients.partner_id.ids,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
