from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .party_activity import send_reminders

# Shared with the meeting's "My Attendance": a selection borrowed through a
# lambda is not exported for translation, and would show in English.
ATTENDANCE_STATUSES = [
    ("pending", "Not Recorded"),
    ("present", "Present"),
    ("absent_excused", "Absent (Excused)"),
    ("absent_unexcused", "Absent (Unexcused)"),
]


class PartyMeetingAttendance(models.Model):
    _name = "party.meeting.attendance"
    _description = "Meeting Attendance"
    _order = "meeting_id, attendee_role desc, member_id"
    _inherit = ["party.scope.mixin", "party.integrity.mixin"]
    _party_scope_fields = ("meeting_id", "member_id")
    _party_owner_fields = ("meeting_id", "member_id", "assignment_id")
    _party_lock_rows = True

    meeting_id = fields.Many2one(
        "party.meeting", required=True, index=True, ondelete="cascade"
    )
    cell_id = fields.Many2one(related="meeting_id.cell_id", store=True, index=True)
    date = fields.Date(related="meeting_id.date", store=True)
    period = fields.Char(related="meeting_id.period", store=True)
    # stored with the assignment's committee and role below: the cadres'
    # statistics read a committee's lines alone, without joining the
    # meetings and assignments of the country
    meeting_state = fields.Selection(
        related="meeting_id.state", string="Meeting Status", store=True
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict"
    )
    attendee_role = fields.Selection(
        [("member", "Cell Member"), ("assigned_cadre", "Assigned Cadre")],
        "Attends As",
        required=True,
        default="member",
    )
    assignment_id = fields.Many2one(
        "party.assignment", index="btree_not_null", ondelete="restrict"
    )
    issuer_id = fields.Many2one(
        related="assignment_id.issuer_id", store=True, index="btree_not_null",
        string="Assigning Committee",
    )
    assignment_role = fields.Selection(
        related="assignment_id.role", store=True, string="Assigned As"
    )
    status = fields.Selection(
        ATTENDANCE_STATUSES,
        required=True,
        default="pending",
        index=True,
    )
    date_reminded = fields.Datetime(
        "Reminded On", copy=False, readonly=True,
        help="When the assigned cadre was reminded of this meeting.",
    )
    member_is_exempt = fields.Boolean(related="member_id.is_exempt")
    reason = fields.Char(help="Why the person was absent: sudden work, business trip, illness…")
    can_record = fields.Boolean(
        compute="_compute_can_record",
        help="The current user may record this line now: their own line on the day of a "
        "planned meeting, or any line of a cell whose record they keep.",
    )

    _sql_constraints = [
        (
            "meeting_member_uniq",
            "unique(meeting_id, member_id)",
            "A person is recorded only once per meeting.",
        ),
    ]

    @api.depends("meeting_state", "date", "member_id.user_id")
    @api.depends_context("uid")
    def _compute_can_record(self):
        today = fields.Date.context_today(self)
        # a plain member reads the roll call; the secretary records them
        may_write = self.browse().has_access("write")
        for line in self:
            if not may_write or line.meeting_state == "cancelled" or not line.date:
                line.can_record = False
            elif line.cell_id._is_kept_by_current_user():
                line.can_record = True
            else:
                line.can_record = (
                    line.meeting_state == "planned"
                    and line.date <= today
                    and line.member_id.user_id == self.env.user
                )

    @api.constrains("status", "reason")
    def _check_reason(self):
        for line in self:
            if line.status == "absent_excused" and not (line.reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Give the reason why %(member)s was excused from the "
                        "meeting.",
                        member=line.member_id.name,
                    )
                )

    @api.constrains("attendee_role", "assignment_id", "meeting_id", "member_id")
    def _check_attendee(self):
        for line in self:
            meeting = line.meeting_id
            if line.attendee_role == "member":
                if line.member_id.organization_id != meeting.cell_id:
                    raise ValidationError(
                        self.env._(
                            "%(member)s is not a member of %(cell)s: record them "
                            "in the meeting of their own cell.",
                            member=line.member_id.name,
                            cell=meeting.cell_id.name,
                        )
                    )
                continue
            assignment = line.assignment_id
            if (
                not assignment
                or assignment.cell_id != meeting.cell_id
                or not assignment._is_in_force_on(meeting.date)
            ):
                raise ValidationError(
                    self.env._(
                        "%(member)s attends as an assigned cadre: choose their "
                        "assignment to %(cell)s in force on %(date)s.",
                        member=line.member_id.name,
                        cell=meeting.cell_id.name,
                        date=meeting.date.strftime("%d/%m/%Y"),
                    )
                )
            if assignment.cadre_id != line.member_id:
                raise ValidationError(
                    self.env._(
                        "The assignment chosen for %(member)s is that of %(cadre)s.",
                        member=line.member_id.name,
                        cadre=assignment.cadre_id.name,
                    )
                )

    @api.onchange("assignment_id")
    def _onchange_assignment_id(self):
        if self.assignment_id:
            self.member_id = self.assignment_id.cadre_id
            self.attendee_role = "assigned_cadre"

    def _party_open_fields(self):
        """Open while the meeting is planned; once held, only its secretary
        and the party office correct the status, each correction logged;
        nothing after a cancellation."""
        if self.meeting_state == "planned":
            return None
        if self.meeting_state == "held" and self.cell_id._is_kept_by_current_user():
            return ("status", "reason")
        return ()

    def _party_locked_message(self):
        if self.meeting_state == "held":
            return self.env._(
                "%(meeting)s was held: only the cell secretary or the party office "
                "corrects its attendance.",
                meeting=self.meeting_id.display_name,
            )
        return self.env._(
            "%(meeting)s was cancelled: its attendance is kept as it was.",
            meeting=self.meeting_id.display_name,
        )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self.env.su:
            lines._check_recorded_on_the_day()
        return lines

    def _check_recorded_on_the_day(self):
        """Presence and unexcused absence are facts of the meeting day: only
        an excused absence is declared ahead."""
        today = fields.Date.context_today(self)
        early = self.filtered(
            lambda line: line.status in ("present", "absent_unexcused") and line.date > today
        )
        if early:
            raise UserError(
                self.env._(
                    "%(meeting)s is on %(date)s: attendance is recorded on the day of "
                    "the meeting.",
                    meeting=early[0].meeting_id.display_name,
                    date=format_date(self.env, early[0].date),
                )
            )

    def write(self, vals):
        # Attendance corrected after the meeting was held goes into its chatter.
        held = self.filtered(lambda line: line.meeting_state == "held")
        tracked = {"status", "reason"} & set(vals)
        before = {line: (line.status, line.reason) for line in held} if tracked else {}
        result = super().write(vals)
        if "status" in vals and not self.env.su:
            self._check_recorded_on_the_day()
        if before:
            held._log_changes_on_meeting(before)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held_meeting(self):
        if any(line.meeting_state == "held" for line in self):
            raise UserError(
                self.env._(
                    "The attendance of a meeting that was held stays on record: "
                    "correct its status instead of deleting it."
                )
            )

    def _log_changes_on_meeting(self, before):
        status_labels = dict(self._fields["status"]._description_selection(self.env))
        for meeting, lines in self.grouped("meeting_id").items():
            changes = []
            for line in lines:
                if (line.status, line.reason) == before[line]:
                    continue
                new_status = status_labels[line.status]
                if line.reason:
                    new_status = f"{new_status} ({line.reason})"
                changes.append(
                    self.env._(
                        "%(member)s: %(old)s → %(new)s",
                        member=line.member_id.name,
                        old=status_labels[before[line][0]],
                        new=new_status,
                    )
                )
            if changes:
                meeting._party_log(
                    body=Markup("%s<ul>%s</ul>")
                    % (
                        self.env._("Attendance corrected after the meeting:"),
                        Markup().join(Markup("<li>%s</li>") % change for change in changes),
                    )
                )

    def action_mark_present(self):
        self.write({"status": "present", "reason": False})
        return True

    def _remind_cadres(self):
        send_reminders(
            self,
            "party_cell_meeting.mail_activity_type_attend_meeting",
            "party_cell_meeting.mail_template_cadre_reminder",
            recipient=lambda line: line.member_id,
            on_record=lambda line: line.meeting_id,
            deadline=lambda line: line.date,
            note=lambda line: line.env._(
                "You are assigned to attend this meeting. If you cannot, "
                "declare it with the reason so that your deputy stands in."
            ),
            # the invitation puts the meeting in the cadre's own calendar
            attachment=lambda line: line.meeting_id._ics_attachment(line.member_id.partner_id),
        )
        self.sudo().date_reminded = fields.Datetime.now()
