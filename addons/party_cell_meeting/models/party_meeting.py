import logging
import re
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, html2plaintext, split_every

from . import party_ics as ics
from .party_activity import send_reminders, send_with_attachments
from .party_assignment import EFFECTIVE_STATES
from .party_meeting_attendance import ATTENDANCE_STATUSES

_logger = logging.getLogger(__name__)

VIETNAM_TZ = "Asia/Ho_Chi_Minh"
PERIOD_FORMAT = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# What the invitations sent to the cadres say: a change sends them again.
INVITATION_FIELDS = {"date", "time_start", "time_end", "location"}
# How long a meeting lasts in the cadres' calendars when no end is given
# (HD 42: at least 90 minutes, 120 with thematic content).
PLANNED_HOURS = 2.0


def planned_start_utc(day, time_start, company):
    """The naive UTC datetime of a meeting held on day at time_start (hours)
    in the company's time zone."""
    tz = pytz.timezone(company.partner_id.tz or VIETNAM_TZ)
    hours, minutes = divmod(round(time_start * 60), 60)
    return tz.localize(datetime.combine(day, time(hours, minutes))).astimezone(pytz.utc).replace(
        tzinfo=None
    )
# Hướng dẫn 42-HD/BTCTW: the documents of a meeting are posted on the Sổ tay
# đảng viên điện tử at least one day before it starts.
DOCUMENTS_AHEAD = timedelta(hours=24)
# What is written up after a meeting: still open once it is held, each
# change kept in the chatter.
MINUTES_FIELDS = ("topic", "agenda", "minutes")


class PartyMeeting(models.Model):
    _name = "party.meeting"
    _description = "Party Cell Meeting"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "party.scope.mixin", "party.integrity.mixin"
    ]
    _order = "date desc, cell_id"
    _party_scope_fields = ("cell_id",)
    # a held meeting keeps its record; what was said is still written up
    # afterwards, each change logged (see write), and its attendance lines
    # are corrected under their own guard
    _party_open_fields_by_state = {
        # the secretary records the actual start and end once it is held
        "held": (*MINUTES_FIELDS, "attendance_ids", "time_start", "time_end", "combined"),
        "cancelled": ("cancel_reason",),
    }
    _party_typed_dates = ("date", "date_documents_posted")
    _party_system_fields = ("superior_id",)
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
    # the cell's superior committee when the meeting was planned: a meeting
    # held before a reorganization still reads under the committee of its day
    superior_id = fields.Many2one(
        "party.organization",
        "Superior Committee",
        readonly=True,
        index=True,
        ondelete="restrict",
        help="The committee that consolidated the cell when the meeting was "
        "planned or held; it stays when the structure changes afterwards.",
    )
    company_id = fields.Many2one(related="cell_id.company_id", store=True)
    date = fields.Date(required=True, tracking=True, index=True)
    time_start = fields.Float(
        "Start Time",
        default=19.5,
        tracking=True,
        help="Hour the meeting starts, e.g. 19:30; once it is held, the hour it "
        "actually started.",
    )
    time_end = fields.Float(
        "End Time",
        tracking=True,
        help="Hour the meeting ended, recorded by the secretary (before the meeting: "
        "the hour it is planned to end).",
    )
    # the planned span in UTC, stored for the calendar view, which needs
    # datetimes to show chips with their hours
    calendar_start = fields.Datetime(
        "Starts", compute="_compute_calendar_span", store=True, index=True
    )
    calendar_stop = fields.Datetime("Ends", compute="_compute_calendar_span", store=True)
    calendar_title = fields.Char(compute="_compute_calendar_title")
    duration_minutes = fields.Integer(
        "Duration (Minutes)", compute="_compute_duration_minutes", store=True
    )
    min_duration_minutes = fields.Integer(
        "Minimum Duration (Minutes)",
        compute="_compute_min_duration_minutes",
        help="The shortest this meeting may be under the rules in force for its cell.",
    )
    is_too_short = fields.Boolean(
        "Too Short",
        compute="_compute_is_too_short",
        store=True,
        index="btree_not_null",
        help="Held, and shorter than the minimum duration in force for its cell "
        "(90 minutes, 120 with thematic content, under Hướng dẫn 42-HD/BTCTW).",
    )
    combined = fields.Boolean(
        "With Thematic Content",
        tracking=True,
        help="A regular meeting that also holds the quarter's thematic content: it "
        "counts as a thematic meeting too, and must last longer.",
    )
    date_documents_posted = fields.Datetime(
        "Documents Posted On",
        tracking=True,
        copy=False,
        help="When the documents of the meeting (content, draft resolution) were "
        "posted for the members; attach them to the meeting.",
    )
    documents_channel = fields.Selection(
        [
            ("handbook", "Electronic Party Member Handbook"),
            ("notice_board", "Notice Board"),
            ("message", "E-mail or Message"),
            ("paper", "On Paper"),
        ],
        "Documents Posted Via",
        tracking=True,
        copy=False,
    )
    documents_in_time = fields.Boolean(
        "Documents a Day Ahead",
        compute="_compute_documents_in_time",
        store=True,
        help="The documents were posted at least 24 hours before the meeting started.",
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
    location = fields.Char(tracking=True)
    topic = fields.Char(
        tracking=True, help="The topic of a thematic meeting, or the main agenda item."
    )
    agenda = fields.Html()
    minutes = fields.Html(help="What was discussed and resolved.")
    cancel_reason = fields.Char(tracking=True)
    attendance_ids = fields.One2many(
        "party.meeting.attendance", "meeting_id", copy=False
    )
    score_ids = fields.One2many("party.meeting.score", "meeting_id", copy=False)
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
    my_attendance_id = fields.Many2one(
        "party.meeting.attendance",
        "My Attendance Line",
        compute="_compute_my_attendance",
        help="The current user's line as an assigned cadre of this meeting.",
    )
    my_attendance_status = fields.Selection(
        ATTENDANCE_STATUSES,
        "My Attendance",
        compute="_compute_my_attendance",
    )
    can_declare_absence = fields.Boolean(compute="_compute_my_attendance")
    can_mark_me_present = fields.Boolean(
        "Can Record My Presence", compute="_compute_my_attendance"
    )
    is_mine = fields.Boolean(
        "My Meeting", compute="_compute_is_mine", search="_search_is_mine",
        help="A meeting of my own cell, of a cell I am assigned to or secretary of, or one "
        "I am recorded at.",
    )
    is_last_month = fields.Boolean(
        compute="_compute_is_last_month", search="_search_is_last_month"
    )
    ics_sequence = fields.Integer(
        "Invitation Version", readonly=True, copy=False,
        help="Raised each time the meeting moves or is cancelled, so that the "
        "calendars that received its invitation replace it.",
    )
    date_secretary_reminded = fields.Datetime(
        "Secretary Reminded On", copy=False, readonly=True,
        help="When the cell secretary was reminded to prepare this meeting.",
    )
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
        # one sentence per kind: Vietnamese puts the kind after "Sinh hoạt", in lower case
        names = {
            "regular": self.env._("Regular meeting %(month)s – %(cell)s"),
            "thematic": self.env._("Thematic meeting %(month)s – %(cell)s"),
            "extraordinary": self.env._("Extraordinary meeting %(month)s – %(cell)s"),
        }
        for meeting in self:
            if not meeting.date:
                meeting.display_name = meeting.cell_id.name
                continue
            meeting.display_name = names[meeting.kind] % {
                "month": meeting.date.strftime("%m/%Y"),
                "cell": meeting.cell_id.name or "",
            }

    @api.depends("date", "time_start", "time_end", "company_id")
    def _compute_calendar_span(self):
        for meeting in self:
            if not meeting.date:
                meeting.calendar_start = meeting.calendar_stop = False
                continue
            meeting.calendar_start = meeting._planned_start_utc()
            meeting.calendar_stop = meeting.calendar_start + timedelta(
                hours=meeting._planned_hours()
            )

    @api.depends_context("lang")
    @api.depends("cell_id.name", "kind")
    def _compute_calendar_title(self):
        # a month holds a chip per cell: the cell's name is what tells them apart
        kinds = {
            "thematic": self.env._("%(cell)s (thematic)"),
            "extraordinary": self.env._("%(cell)s (extraordinary)"),
        }
        for meeting in self:
            cell = meeting.cell_id.name or ""
            title = kinds.get(meeting.kind)
            meeting.calendar_title = title % {"cell": cell} if title else cell

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

    @api.depends("time_start", "time_end")
    def _compute_duration_minutes(self):
        for meeting in self:
            meeting.duration_minutes = (
                round((meeting.time_end - meeting.time_start) * 60)
                if meeting.time_end > meeting.time_start
                else 0
            )

    @api.depends("cell_id", "date", "combined")
    def _compute_min_duration_minutes(self):
        minimums = self._min_durations()
        for meeting in self:
            meeting.min_duration_minutes = minimums.get(meeting, 0)

    @api.depends("state", "kind", "duration_minutes", "combined", "cell_id", "date")
    def _compute_is_too_short(self):
        # an extraordinary meeting has no minimum; a meeting whose end was not
        # recorded is not judged on a duration it does not have
        judged = self.filtered(
            lambda meeting: meeting.state == "held"
            and meeting.kind != "extraordinary"
            and meeting.duration_minutes
        )
        (self - judged).is_too_short = False
        minimums = judged._min_durations()
        for meeting in judged:
            meeting.is_too_short = meeting.duration_minutes < minimums[meeting]

    def _min_durations(self):
        """{meeting: its minimum duration in minutes}: the rules in force for
        its cell on its day, the longer one with thematic content. Two
        searches for the batch."""
        dated = self.filtered(lambda meeting: meeting.cell_id and meeting.date)
        Rule = self.env["party.organization.rule"]
        plain = Rule._values_for(
            "min_duration_minutes", [(meeting.cell_id, meeting.date) for meeting in dated]
        )
        combined = dated.filtered("combined")
        longer = Rule._values_for(
            "min_duration_combined_minutes",
            [(meeting.cell_id, meeting.date) for meeting in combined],
        )
        return {
            meeting: (longer if meeting in combined else plain)[(meeting.cell_id, meeting.date)]
            for meeting in dated
        }

    @api.model
    def _recheck_durations(self, spans):
        """Judge again the held meetings of the cells below each committee of
        spans [(committee, first day, last day or False)]: the rules of
        their duration changed."""
        domains = [
            [("cell_id", "child_of", committee.id), ("date", ">=", first)]
            + ([("date", "<=", last)] if last else [])
            for committee, first, last in spans
            if committee and first
        ]
        if not domains:
            return
        meetings = self.sudo().search(
            expression.AND([[("state", "=", "held")], expression.OR(domains)])
        )
        self.env.add_to_compute(self._fields["is_too_short"], meetings)

    @api.depends("date_documents_posted", "date", "time_start", "company_id")
    def _compute_documents_in_time(self):
        for meeting in self:
            meeting.documents_in_time = bool(
                meeting.date_documents_posted
                and meeting.date
                and meeting.date_documents_posted <= meeting._planned_start_utc() - DOCUMENTS_AHEAD
            )

    @api.depends("state")
    def _compute_color(self):
        colors = {"planned": 4, "held": 10, "cancelled": 1}
        for meeting in self:
            meeting.color = colors.get(meeting.state, 0)

    @api.depends("attendance_ids.member_id.user_id", "attendance_ids.status", "state", "date")
    @api.depends_context("uid")
    def _compute_my_attendance(self):
        today = fields.Date.context_today(self)
        for meeting in self:
            line = meeting._my_cadre_line()
            meeting.my_attendance_id = line
            meeting.my_attendance_status = line.status
            meeting.can_declare_absence = bool(
                line
                and line.status == "pending"
                and meeting.state == "planned"
                and meeting.date >= today
            )
            meeting.can_mark_me_present = bool(
                line and line.status != "present" and line.can_record
            )

    def _my_cadre_line(self):
        self.ensure_one()
        return self.attendance_ids.filtered(
            lambda line: line.attendee_role == "assigned_cadre"
            and line.member_id.user_id == self.env.user
        )[:1]

    @api.depends_context("uid")
    def _compute_is_mine(self):
        mine = self.search([("id", "in", self.ids), ("is_mine", "=", True)])
        for meeting in self:
            meeting.is_mine = meeting in mine

    def _search_is_mine(self, operator, value):
        """Found as the system, so that every role can filter on it: a member
        reads no assignment, a resolver no attendance."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported."))
        members = self.env.user.sudo().party_member_ids
        cells = members.organization_id | self.env["party.organization"].sudo().search(
            [("secretary_id", "in", members.ids)]
        )
        cells |= self.env["party.assignment"].sudo().search(
            [("cadre_id", "in", members.ids), ("state", "in", EFFECTIVE_STATES)]
        ).cell_id
        recorded = self.env["party.meeting.attendance"].sudo()._read_group(
            [("member_id", "in", members.ids)], [], ["meeting_id:array_agg"]
        )[0][0] or []
        domain = ["|", ("cell_id", "in", cells.ids), ("id", "in", recorded)]
        return domain if (operator == "=") == value else ["!", *domain]

    def _last_month_bounds(self):
        first_of_month = fields.Date.context_today(self).replace(day=1)
        return first_of_month - relativedelta(months=1), first_of_month

    @api.depends("date")
    @api.depends_context("tz")
    def _compute_is_last_month(self):
        start, end = self._last_month_bounds()
        for meeting in self:
            meeting.is_last_month = bool(meeting.date) and start <= meeting.date < end

    def _search_is_last_month(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported."))
        start, end = self._last_month_bounds()
        domain = [("date", ">=", start), ("date", "<", end)]
        return domain if (operator == "=") == value else ["!", "&", *domain]

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

    @api.constrains("time_start", "time_end")
    def _check_times(self):
        for meeting in self:
            if not 0 <= meeting.time_start < 24 or not 0 <= meeting.time_end <= 24:
                raise ValidationError(
                    self.env._("Give the times of the meeting between 0:00 and 24:00.")
                )
            if meeting.time_end and meeting.time_end <= meeting.time_start:
                raise ValidationError(
                    self.env._(
                        "%(meeting)s cannot end before it starts: give an end time "
                        "after the start time.",
                        meeting=meeting.display_name,
                    )
                )

    @api.constrains("combined", "kind")
    def _check_combined(self):
        if any(meeting.combined and meeting.kind != "regular" for meeting in self):
            raise ValidationError(
                self.env._(
                    "Only a regular meeting holds thematic content in the same sitting; "
                    "a thematic meeting is thematic already."
                )
            )

    @api.constrains("date_documents_posted")
    def _check_documents_posted(self):
        now = fields.Datetime.now()
        for meeting in self:
            if meeting.date_documents_posted and meeting.date_documents_posted > now:
                raise ValidationError(
                    self.env._(
                        "The documents of %(meeting)s cannot have been posted in the "
                        "future: give the time they were posted.",
                        meeting=meeting.display_name,
                    )
                )

    def action_documents_posted_now(self):
        """The secretary has just posted the documents."""
        self.write({"date_documents_posted": fields.Datetime.now()})
        return True

    @api.model_create_multi
    def create(self, vals_list):
        self.env["party.agenda.template"]._fill_meeting_values(
            vals_list, self.default_get(["kind"]).get("kind")
        )
        meetings = super().create(vals_list)
        # only the system gives a superior (a meeting of before a reform)
        meetings.filtered(lambda meeting: not meeting.superior_id)._take_cell_superior()
        return meetings

    def _take_cell_superior(self):
        """Give the meetings their cell's superior committee as it is now:
        a consequence of the cell they were given, not a choice of the user."""
        for superior, meetings in self.grouped(lambda meeting: meeting.cell_id.superior_id).items():
            meetings.filtered(
                lambda meeting, superior=superior: meeting.superior_id != superior
            )._party_system().write({"superior_id": superior.id})

    def write(self, vals):
        if "cell_id" in vals and any(meeting.attendance_ids for meeting in self):
            raise UserError(
                self.env._(
                    "This meeting already has attendance recorded: it cannot be "
                    "moved to another cell."
                )
            )
        # the topic is tracked; the agenda and minutes (HTML) are logged here
        rewritten = [name for name in ("agenda", "minutes") if name in vals]
        before = {}
        if rewritten and not self.env.su:
            before = {
                meeting: {name: meeting[name] for name in rewritten}
                for meeting in self.filtered(lambda meeting: meeting.state == "held")
            }
        moved = self.browse()
        if INVITATION_FIELDS & set(vals):
            moved = self.filtered(lambda meeting: meeting.state == "planned")
        result = super().write(vals)
        if "cell_id" in vals:
            self._take_cell_superior()
        for meeting, values in before.items():
            meeting._log_rewritten_minutes(values)
        if moved:
            moved._send_updated_invitations()
        return result

    def _party_locked_message(self):
        if self.state == "held":
            return self.env._(
                "%(meeting)s was held: only its topic, agenda and minutes are still "
                "written up; attendance is corrected on its lines.",
                meeting=self.display_name,
            )
        return self.env._(
            "%(meeting)s was cancelled: plan it again to change it.",
            meeting=self.display_name,
        )

    def _log_rewritten_minutes(self, before):
        """Keep in the chatter what the agenda or minutes of a held meeting
        said before they were changed (tracking does not follow HTML)."""
        labels = {name: self._fields[name]._description_string(self.env) for name in before}
        changed = [name for name, value in before.items() if value != self[name]]
        if not changed:
            return
        self._party_log(
            Markup().join(
                # not a blockquote: the chatter would fold it away as a quote
                Markup("<p>%s</p><div>%s</div>")
                % (
                    self.env._(
                        "%(field)s changed after the meeting; it read before:",
                        field=labels[name],
                    ),
                    before[name] or "",
                )
                for name in changed
            ),
            subtype_xmlid="mail.mt_note",
        )

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
        self._party_write_as_system({"state": "held"})
        self.env["party.meeting.report"]._create_for_meetings(self)
        return True

    def action_cancel(self):
        if any(meeting.state != "planned" for meeting in self):
            raise UserError(
                self.env._("Only a planned meeting can be cancelled.")
            )
        self._party_write_as_system({"state": "cancelled"})
        self._send_updated_invitations()
        return True

    def action_reset_to_planned(self):
        if any(meeting.state != "cancelled" for meeting in self):
            raise UserError(
                self.env._("Only a cancelled meeting can be planned again.")
            )
        self._party_write_as_system({"state": "planned"})
        return True

    def action_declare_absence(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_cell_meeting.party_meeting_absence_wizard_action"
        )
        action["context"] = {"active_id": self.id, "active_model": self._name}
        return action

    def action_open_score(self):
        """Open the meeting's score sheet, made from the rubric in force."""
        self.ensure_one()
        score = self.score_ids[:1] or self.env["party.meeting.score"].create(
            {"meeting_id": self.id}
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.meeting.score",
            "res_id": score.id,
            "view_mode": "form",
        }

    def action_mark_me_present(self):
        """The assigned cadre records their own presence, from the top of the
        meeting on a phone; the line refuses it before the meeting day."""
        self.ensure_one()
        line = self._my_cadre_line()
        if not line:
            raise UserError(
                self.env._("Only a cadre assigned to this cell records their own attendance.")
            )
        return line.action_mark_present()

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

    # ------------------------------------------------------------------
    # Monthly generation
    # ------------------------------------------------------------------

    @api.model
    def _cron_generate_regular_meetings(self, batch_size=2000):
        """Daily: make sure every cell has its regular meeting of next month.
        One batch of cells a call: Odoo's cron runner commits it and calls
        again while cells remain, so an interrupted run keeps what it did."""
        next_month = fields.Date.context_today(self) + relativedelta(months=1)
        self._generate_regular_meetings(
            next_month.strftime("%Y-%m"), batch_size=batch_size, max_batches=1
        )

    @api.model
    def _generate_regular_meetings(self, period, batch_size=2000, max_batches=None):
        """Create the planned regular meeting of period ('YYYY-MM') for every
        active cell that has none, on the meeting day of the cell's company,
        with a pending line for every cadre assigned to the cell that day.

        Written in SQL, a batch of cells at a time: a province's or a whole
        country's cells in one run, or max_batches of them (the cron's way,
        reporting what remains). Running it twice creates nothing more: the
        cells that have their meeting are left out, and the database refuses
        a second regular meeting of a cell in a month (ON CONFLICT DO
        NOTHING).
        """
        if not PERIOD_FORMAT.match(period or ""):
            raise UserError(
                self.env._("%(period)s is not a month written as YYYY-MM.", period=period)
            )
        if not self._lock_generation(period):
            return self.browse()
        cells_by_company = self.env["party.organization"]._read_group(
            [
                ("level", "=", "cell"),
                ("meeting_ids", "not any", [("period", "=", period), ("kind", "=", "regular")]),
            ],
            ["company_id"],
            ["id:array_agg"],
        )
        batches = [
            (company, list(batch))
            for company, cell_ids in cells_by_company
            for batch in split_every(batch_size, sorted(cell_ids))
        ]
        total = sum(len(batch) for _company, batch in batches)
        meeting_dates = {}
        done = 0
        new_meeting_ids = []
        for company, batch in batches[:max_batches]:
            if company not in meeting_dates:
                meeting_dates[company] = company._party_meeting_date(period)
            meeting_ids = self._insert_regular_meetings(
                batch, meeting_dates[company], period, company
            )
            self._insert_cadre_attendance(meeting_ids)
            new_meeting_ids += meeting_ids
            done += len(batch)
        self.env["ir.cron"]._notify_progress(done=done, remaining=total - done)
        # the rows were written behind the ORM's back
        self.invalidate_model()
        self.env["party.meeting.attendance"].invalidate_model()
        self.env["party.organization"].invalidate_model(["meeting_ids"])
        return self.browse(new_meeting_ids)

    def _lock_generation(self, period):
        """Take the month's generation lock until the transaction ends; False
        when another run holds it (a second worker, a user): that run makes
        the month's meetings, this one leaves them to it."""
        self.env.cr.execute(
            SQL(
                "SELECT pg_try_advisory_xact_lock(hashtext(%s))",
                f"party_cell_meeting.generate.{period}",
            )
        )
        if self.env.cr.fetchone()[0]:
            return True
        _logger.info("The regular meetings of %s are being generated by another run.", period)
        return False

    def _insert_regular_meetings(self, cell_ids, meeting_date, period, company):
        """Insert the meetings, with the agenda and minutes outline of each
        cell's template; return the ids of those that did not exist. Stored
        computed fields are written as the ORM would compute them for a new
        meeting without attendance."""
        self.env.flush_all()
        template_ids = self.env["party.agenda.template"]._get_for_cells(cell_ids, "regular")
        time_start = self.default_get(["time_start"])["time_start"]
        calendar_start = planned_start_utc(meeting_date, time_start, company)
        self.env.cr.execute(
            SQL(
                """
            INSERT INTO party_meeting (
                cell_id, superior_id, company_id, date, period, kind, state,
                time_start, calendar_start, calendar_stop, member_count, present_count,
                excused_count,
                unexcused_count, attendance_rate, cadre_attended,
                duration_minutes, is_too_short, documents_in_time, agenda, minutes,
                create_uid, create_date, write_uid, write_date)
            SELECT cell.id, cell.superior_id, cell.company_id, %(date)s, %(period)s,
                   'regular', 'planned', %(time_start)s, %(calendar_start)s, %(calendar_stop)s,
                   0, 0, 0, 0, 0, false,
                   0, false, false, template.agenda, template.minutes_outline,
                   %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM unnest(%(cell_ids)s::int[], %(template_ids)s::int[])
                   AS batch(cell_id, template_id)
              JOIN party_organization cell ON cell.id = batch.cell_id
              LEFT JOIN party_agenda_template template ON template.id = batch.template_id
            ON CONFLICT DO NOTHING
            RETURNING id
            """,
                date=meeting_date,
                period=period,
                time_start=time_start,
                calendar_start=calendar_start,
                calendar_stop=calendar_start + timedelta(hours=PLANNED_HOURS),
                uid=self.env.uid,
                cell_ids=cell_ids,
                template_ids=template_ids,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _insert_cadre_attendance(self, meeting_ids):
        """Give these meetings a pending line for each cadre, principal or
        deputy, assigned to their cell on their day."""
        if not meeting_ids:
            return
        self.env.cr.execute(
            SQL(
                """
            INSERT INTO party_meeting_attendance (
                meeting_id, cell_id, date, period, company_id, meeting_state, member_id,
                attendee_role, assignment_id, issuer_id, assignment_role, status,
                create_uid, create_date, write_uid, write_date)
            SELECT meeting.id, meeting.cell_id, meeting.date, meeting.period,
                   meeting.company_id, meeting.state, assignment.cadre_id, 'assigned_cadre',
                   assignment.id, assignment.issuer_id, assignment.role, 'pending',
                   %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM party_meeting meeting
              JOIN party_assignment assignment ON assignment.cell_id = meeting.cell_id
              JOIN party_member cadre ON cadre.id = assignment.cadre_id AND cadre.active
             WHERE meeting.id = ANY(%(meeting_ids)s)
               AND assignment.state IN %(effective)s
               AND assignment.date_start <= meeting.date
               AND (assignment.date_end IS NULL OR assignment.date_end >= meeting.date)
            ON CONFLICT (meeting_id, member_id) DO NOTHING
            """,
                uid=self.env.uid,
                meeting_ids=meeting_ids,
                effective=EFFECTIVE_STATES,
            )
        )

    # ------------------------------------------------------------------
    # Reminders
    # ------------------------------------------------------------------

    @api.model
    def _cron_send_reminders(self, batch_size=250):
        """Daily: remind the assigned cadres and the secretary of each planned
        meeting due within the company's reminder days. Each person is
        reminded once per meeting: the reminder is recorded on their line
        (on the meeting for the secretary), so the cron can run twice.

        A batch of batch_size lines and as many meetings a call: Odoo's cron
        runner commits it and calls again while some remain (a country's
        17,000 cadres and 50,000 secretaries would otherwise be reminded in
        one transaction of many minutes, over the cron's time limit). A
        reminder costs about 10 ms, mostly Odoo rendering its mail: a call
        takes seconds, and the runner's ten calls a run stay within the
        time limit of a cron worker."""
        today = fields.Date.context_today(self)
        Attendance = self.env["party.meeting.attendance"]
        done = remaining = 0
        for company in self.env["res.company"].search([]):
            horizon = today + relativedelta(days=company.party_reminder_days)
            due = [("company_id", "=", company.id), ("date", ">=", today), ("date", "<=", horizon)]
            cadre_lines = due + [
                ("meeting_state", "=", "planned"),
                ("attendee_role", "=", "assigned_cadre"),
                ("status", "=", "pending"),
                ("date_reminded", "=", False),
            ]
            meetings = due + [
                ("state", "=", "planned"),
                ("cell_id.secretary_id", "!=", False),
                ("date_secretary_reminded", "=", False),
            ]
            for Model, domain, remind in (
                (Attendance, cadre_lines, lambda lines: lines._remind_cadres()),
                (self, meetings, lambda meetings: meetings._remind_secretaries()),
            ):
                batch = Model.search(domain, order="id", limit=batch_size)
                remind(batch)
                done += len(batch)
                remaining += Model.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    # ------------------------------------------------------------------
    # Calendar invitations
    # ------------------------------------------------------------------

    def _ics_events(self, attendee=None):
        """The meetings as VEVENT properties (see party_ics.calendar): the
        planned start in the company's time zone, the cell and the place, a
        link to the meeting, and the version of the invitation."""
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid", "")
        base_url = self.browse().get_base_url()
        now = ics.utc_stamp(fields.Datetime.now())
        events = []
        for meeting in self:
            start = meeting._planned_start_utc()
            properties = [
                ("UID", f"party-meeting-{meeting.id}@{uuid}"),
                ("DTSTAMP", now),
                ("SEQUENCE", meeting.ics_sequence),
                ("DTSTART", ics.utc_stamp(start)),
                ("DTEND", ics.utc_stamp(start + timedelta(hours=meeting._planned_hours()))),
                ("SUMMARY", ics.escape_text(meeting.display_name)),
                ("LOCATION", ics.escape_text(meeting.location or meeting.cell_id.name)),
                ("DESCRIPTION", ics.escape_text(
                    "\n".join(filter(None, [meeting.cell_id.complete_name, meeting.topic]))
                )),
                ("URL", f"{base_url}/odoo/party.meeting/{meeting.id}"),
                ("STATUS", "CANCELLED" if meeting.state == "cancelled" else "CONFIRMED"),
            ]
            organizer = meeting.company_id.email
            if organizer:
                name = ics.param(meeting.company_id.name)
                properties.append((f"ORGANIZER;CN={name}", f"mailto:{organizer}"))
            if attendee and attendee.email:
                name = ics.param(attendee.name)
                properties.append((f"ATTENDEE;CN={name};RSVP=FALSE", f"mailto:{attendee.email}"))
            events.append(properties)
        return events

    def _planned_start_utc(self):
        self.ensure_one()
        return planned_start_utc(self.date, self.time_start, self.company_id)

    def _planned_hours(self):
        self.ensure_one()
        return self.time_end - self.time_start if self.time_end else PLANNED_HOURS

    def _ics_attachment(self, attendee=None):
        """The values of an .ics attachment inviting attendee to this meeting
        (or cancelling it)."""
        self.ensure_one()
        method = "CANCEL" if self.state == "cancelled" else "REQUEST"
        return {
            "name": f"sinh-hoat-{self.period or self.id}.ics",
            "mimetype": f"text/calendar; method={method}",
            "raw": ics.calendar(self._ics_events(attendee), method=method).encode(),
        }

    def _send_updated_invitations(self):
        """A new version of the invitation for the cadres already reminded of
        these meetings: moved, or cancelled."""
        self.env.cr.execute(
            SQL(
                "UPDATE party_meeting SET ics_sequence = COALESCE(ics_sequence, 0) + 1 "
                "WHERE id IN %s",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["ics_sequence"])
        lines = self.env["party.meeting.attendance"].sudo().search(
            [
                ("meeting_id", "in", self.ids),
                ("attendee_role", "=", "assigned_cadre"),
                ("date_reminded", "!=", False),
                ("member_id.partner_id.email", "!=", False),
            ]
        )
        if lines:
            send_with_attachments(
                self.env.ref("party_cell_meeting.mail_template_meeting_changed"),
                lines,
                lambda line: line.meeting_id._ics_attachment(line.member_id.partner_id),
            )

    def _remind_secretaries(self):
        """Remind the secretaries of these meetings, which the cron chose
        among those of cells with a secretary."""
        send_reminders(
            self,
            "party_cell_meeting.mail_activity_type_prepare_meeting",
            "party_cell_meeting.mail_template_secretary_reminder",
            recipient=lambda meeting: meeting.cell_id.secretary_id,
            on_record=lambda meeting: meeting,
            deadline=lambda meeting: fields.Date.subtract(meeting.date, days=1),
            note=lambda meeting: meeting._preparation_note(),
        )
        self.sudo().date_secretary_reminded = fields.Datetime.now()

    def _preparation_gaps(self):
        """What the secretary has still to do for this meeting under Hướng
        dẫn 42-HD/BTCTW, as sentences for the reminder."""
        self.ensure_one()
        _ = self.env._
        gaps = []
        if not self.location:
            gaps.append(_("give the place of the meeting"))
        if not self.agenda or not html2plaintext(self.agenda).strip():
            gaps.append(_("write the content and the draft resolution"))
        if not self.date_documents_posted:
            deadline = pytz.utc.localize(self._planned_start_utc() - DOCUMENTS_AHEAD).astimezone(
                pytz.timezone(self.company_id.partner_id.tz or VIETNAM_TZ)
            )
            gaps.append(
                _(
                    "post the documents on the Sổ tay đảng viên điện tử by %(deadline)s",
                    deadline=deadline.strftime("%H:%M %d/%m/%Y"),
                )
            )
        if not self.attendance_ids.filtered(lambda line: line.attendee_role == "member"):
            gaps.append(_("load the attendance list and send the notice to the members"))
        return gaps

    def _preparation_note(self):
        gaps = self._preparation_gaps()
        if not gaps:
            return self.env._("The meeting is prepared: place, content and documents are ready.")
        return self.env._("Still to do: %(gaps)s.", gaps="; ".join(gaps))
