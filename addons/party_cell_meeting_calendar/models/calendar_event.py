from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from odoo.addons.party_cell_meeting.models.party_meeting import VIETNAM_TZ


class CalendarEvent(models.Model):
    """The province keeps the meeting day (the 3rd) free of conferences so
    that assigned cadres attend their cells: an event calling such a cadre on
    that day, or over a meeting they attend, says so and must be confirmed
    (or is refused where the province decided so)."""

    _inherit = "calendar.event"

    party_conflict_note = fields.Text(
        "Cell Meetings Called Off", compute="_compute_party_conflict_note",
        help="The assigned cadres this event calls away from the cell meetings they attend.",
    )
    party_has_conflict = fields.Boolean(
        "On a Cell Meeting Day", compute="_compute_party_has_conflict", store=True, index=True,
    )
    party_conflict_confirmed = fields.Boolean(
        "Hold It All the Same", copy=False,
        help="The organizer knows the event calls assigned cadres away from their cell "
        "meetings, and holds it all the same.",
    )

    @api.depends("start", "stop", "allday", "partner_ids")
    def _compute_party_conflict_note(self):
        conflicts = self._party_conflicts()
        for event in self:
            event.party_conflict_note = "\n".join(
                text for _company, text in conflicts.get(event, [])
            ) or False

    @api.depends("start", "stop", "allday", "partner_ids")
    def _compute_party_has_conflict(self):
        conflicts = self._party_conflicts()
        for event in self:
            event.party_has_conflict = bool(conflicts.get(event))

    @api.constrains("start", "stop", "allday", "partner_ids", "party_conflict_confirmed")
    def _check_party_meeting_day(self):
        if self.env.su:
            # imports, synchronisations and other system writes are not an
            # organizer choosing a day: they are flagged (listed), not refused
            return
        conflicts = self._party_conflicts()
        for event in self:
            found = conflicts.get(event)
            if not found:
                continue
            note = "\n".join(text for _company, text in found)
            if any(company.party_meeting_day_policy == "block" for company, _text in found):
                raise ValidationError(
                    self.env._(
                        "%(event)s calls assigned cadres away from their cell meetings, "
                        "which the province does not allow: move it to another day.\n%(note)s",
                        event=event.name or "",
                        note=note,
                    )
                )
            if not event.party_conflict_confirmed:
                raise ValidationError(
                    self.env._(
                        "%(event)s calls assigned cadres away from their cell meetings:\n"
                        "%(note)s\nMove it to another day, or tick “Hold It All the Same”.",
                        event=event.name or "",
                        note=note,
                    )
                )

    def _party_local_span(self):
        """(first day, last day, start, stop) of the event: days in Vietnam,
        start and stop as naive UTC datetimes."""
        self.ensure_one()
        if self.allday:
            first, last = self.start_date or self.start.date(), self.stop_date or self.stop.date()
            return first, last, None, None
        tz = pytz.timezone(VIETNAM_TZ)
        start, stop = self.start, self.stop or self.start

        def local_day(moment):
            return pytz.utc.localize(moment).astimezone(tz).date()

        return local_day(start), local_day(stop), start, stop

    def _party_conflicts(self):
        """{event: [(company, text)]}: for each assigned cadre among the
        attendees, the meeting day of a cell they are assigned to that falls
        within the event, or a planned meeting of theirs it overlaps. A few
        queries for the whole batch."""
        events = self.filtered(lambda event: event.start and event.partner_ids)
        if not events:
            return {}
        spans = {event: event._party_local_span() for event in events}
        first = min(span[0] for span in spans.values())
        last = max(span[1] for span in spans.values())
        Assignment = self.env["party.assignment"].sudo()
        # in a form being edited, the attendees are new records over real ones
        assignments = Assignment.search(
            [("cadre_id.partner_id", "in", events.partner_ids._origin.ids)]
            + Assignment._in_force_domain(first, last)
        )
        if not assignments:
            return {}
        meetings = self.env["party.meeting"].sudo().search(
            [
                ("state", "=", "planned"),
                ("date", ">=", first),
                ("date", "<=", last),
                ("attendance_ids", "any", [
                    ("attendee_role", "=", "assigned_cadre"),
                    ("member_id", "in", assignments.cadre_id.ids),
                ]),
            ]
        )
        lines_by_meeting = {
            meeting: meeting.attendance_ids.filtered(
                lambda line: line.attendee_role == "assigned_cadre"
            ).member_id
            for meeting in meetings
        }
        meeting_days = {}

        def meeting_day(company, day):
            key = (company, day.year, day.month)
            if key not in meeting_days:
                meeting_days[key] = company._party_meeting_date(day.strftime("%Y-%m"))
            return meeting_days[key]

        by_partner = defaultdict(lambda: Assignment)
        for assignment in assignments:
            by_partner[assignment.cadre_id.partner_id] |= assignment
        result = {}
        for event, (day_from, day_to, start, stop) in spans.items():
            found = []
            for partner in event.partner_ids._origin:
                for assignment in by_partner.get(partner, Assignment):
                    day = day_from
                    while day <= day_to:
                        company = assignment.company_id or self.env.company
                        if assignment._is_in_force_on(day) and meeting_day(company, day) == day:
                            found.append((company, self.env._(
                                "%(cadre)s attends %(cell)s on its meeting day, %(date)s",
                                cadre=assignment.cadre_id.name,
                                cell=assignment.cell_id.name,
                                date=format_date(self.env, day),
                            )))
                        day += timedelta(days=1)
                for meeting, cadres in lines_by_meeting.items():
                    if partner not in cadres.partner_id or not (day_from <= meeting.date <= day_to):
                        continue
                    if start:
                        meeting_start = meeting._planned_start_utc()
                        meeting_stop = meeting_start + timedelta(hours=meeting._planned_hours())
                        if stop <= meeting_start or start >= meeting_stop:
                            continue
                    cadre = cadres.filtered(lambda member, p=partner: member.partner_id == p)[:1]
                    found.append((meeting.company_id, self.env._(
                        "%(cadre)s is assigned to %(meeting)s",
                        cadre=cadre.name,
                        meeting=meeting.display_name,
                    )))
            if found:
                # one line per fact, in the order found
                result[event] = list(dict.fromkeys(found))
        return result
