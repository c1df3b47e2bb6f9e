from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.date_utils import end_of


class ResCompany(models.Model):
    _inherit = "res.company"

    party_meeting_day = fields.Integer(
        "Meeting Day",
        default=3,
        help="Day of the month on which cells hold their regular meeting; a "
        "day past the month's end means its last day.",
    )
    party_report_due_day = fields.Integer(
        "Report Due Day",
        default=10,
        help="Assigned cadres file their report on a meeting by this day of "
        "the month (of the next month for meetings held after it).",
    )
    party_reminder_days = fields.Integer(
        "Reminder Days",
        default=2,
        help="How many days before a meeting its cadres and secretary are reminded.",
    )
    party_proposal_days = fields.Integer(
        "Days to Resolve a Proposal",
        default=30,
        help="Default time an authority has to answer a proposal.",
    )
    party_year_theme = fields.Char(
        "Theme of the Year",
        help="The committee's theme for the year, quoted on meeting documents.",
    )
    party_no_meeting_day_ids = fields.One2many(
        "party.no.meeting.day", "company_id", "Days Without Meetings"
    )

    @api.constrains("party_meeting_day", "party_report_due_day")
    def _check_party_days(self):
        for company in self:
            for day in (company.party_meeting_day, company.party_report_due_day):
                if not 1 <= day <= 31:
                    raise ValidationError(
                        self.env._("A day of the month is between 1 and 31, not %(day)s.", day=day)
                    )

    @api.constrains("party_reminder_days", "party_proposal_days")
    def _check_party_delays(self):
        for company in self:
            if company.party_reminder_days < 0 or company.party_proposal_days < 1:
                raise ValidationError(
                    self.env._(
                        "Reminders are sent zero or more days ahead, and proposals "
                        "get at least one day."
                    )
                )

    def _party_meeting_date(self, period):
        """The date of the regular meeting of period ('YYYY-MM'): the meeting
        day (the month's last day in a short month), moved to the next working
        day when no meeting is held that day."""
        self.ensure_one()
        first_day = fields.Date.to_date(f"{period}-01")
        last_day = end_of(first_day, "month")
        meeting_date = first_day.replace(day=min(self.party_meeting_day, last_day.day))
        closed_days = set(
            self.env["party.no.meeting.day"]
            .search(
                [
                    ("company_id", "=", self.id),
                    ("date", ">=", meeting_date),
                    ("date", "<=", meeting_date + relativedelta(months=1)),
                ]
            )
            .mapped("date")
        )
        if meeting_date in closed_days:
            meeting_date += relativedelta(days=1)
            while meeting_date in closed_days or meeting_date.weekday() >= 5:
                meeting_date += relativedelta(days=1)
        return meeting_date

    def _party_report_due_date(self, meeting_date, due_day=None):
        """The day a cadre's report on a meeting of meeting_date is due: the
        due day (the company's unless a committee's rules give one) of the
        meeting's month, or of the next month for a meeting held after that
        day (the month's last day in a short month)."""
        self.ensure_one()
        due_day = due_day or self.party_report_due_day
        month = meeting_date.replace(day=1)
        if meeting_date.day > due_day:
            month += relativedelta(months=1)
        return month.replace(day=min(due_day, end_of(month, "month").day))
