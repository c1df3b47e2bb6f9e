from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools.date_utils import end_of, start_of

from ..models.party_cadre_evaluation import FROZEN_FIGURES, cadre_figures, rate
from ..models.party_meeting_report import ATTENDANCE_FIELDS, MEETING_STEPS
from ..models.party_numbers import format_time

MONTH_FIGURES = (
    "regular_held_count",
    "held_count",
    "cancelled_count",
    "too_short_count",
    "planned_count",
    "cadre_attended_count",
    "member_count",
    "present_count",
    "report_due_count",
    "report_on_time_count",
    "report_late_count",
    "report_missing_count",
    "excellent_count",
    "good_count",
    "average_count",
    "poor_count",
    "proposal_count",
    "proposal_open_count",
    "proposal_resolved_count",
    "proposal_rejected_count",
)


def printed_ids(docids, data):
    """The records to print: the ids of the URL, or, when the report action
    carries data, those of its context (the web client then leaves the ids
    out of the URL and sends them as the context's active_ids)."""
    return docids or ((data or {}).get("context") or {}).get("active_ids") or []


class ReportPartyConsolidation(models.AbstractModel):
    """The monthly consolidation of an organization: what the cells below it
    did in the months from date_from to date_to (whole months)."""

    _name = "report.party_cell_meeting.report_party_consolidation"
    _description = "Monthly Consolidation of Cell Meetings"

    @api.model
    def _months(self, data):
        """(first day, last day) of the whole months asked in data, last
        month by default."""
        data = data or {}
        today = fields.Date.context_today(self)
        date_from = fields.Date.to_date(data.get("date_from")) or (
            today - relativedelta(months=1)
        )
        date_to = fields.Date.to_date(data.get("date_to")) or date_from
        return start_of(date_from, "month"), end_of(date_to, "month")

    @api.model
    def _get_report_values(self, docids, data=None):
        docids = printed_ids(docids, data)
        organizations = self.env["party.organization"].browse(docids)
        organizations._check_party_office_scope()
        date_from, date_to = self._months(data)
        return {
            "doc_ids": docids,
            "doc_model": "party.organization",
            "docs": organizations,
            "date_from": date_from,
            "date_to": date_to,
            "summary_line": self._summary_line(date_from, date_to),
            "consolidations": {
                organization.id: self._consolidate(organization, date_from, date_to)
                for organization in organizations
            },
        }

    @api.model
    def _summary_line(self, date_from, date_to):
        """What the report is about, beneath its title: the month, or the
        first and last months."""
        if (date_from.year, date_from.month) == (date_to.year, date_to.month):
            return self.env._(
                "summing up the cell meetings of %(month)s", month=date_from.strftime("%m/%Y")
            )
        return self.env._(
            "summing up the cell meetings from %(start)s to %(end)s",
            start=date_from.strftime("%m/%Y"),
            end=date_to.strftime("%m/%Y"),
        )

    @api.model
    def _consolidate(self, organization, date_from, date_to):
        """The figures of the consolidation, in a fixed number of queries
        whatever the number of cells."""
        # the views read the tables behind the ORM's back
        self.env.flush_all()
        Stat = self.env["party.cell.month.stat"]
        cell_ids = organization._party_subtree_ids(cells_only=True)
        domain = [
            ("cell_id", "in", cell_ids),
            ("period", ">=", date_from.strftime("%Y-%m")),
            ("period", "<=", date_to.strftime("%Y-%m")),
        ]
        aggregates = [f"{name}:sum" for name in MONTH_FIGURES]
        by_cell = Stat._read_group(
            domain, ["cell_id"], aggregates, order="cell_id"
        )
        # every figure is a sum and every row has a cell: the totals are the
        # sums of the cells' sums, without a second pass over the view
        totals = dict.fromkeys(MONTH_FIGURES, 0)
        cells = []
        for cell, *sums in by_cell:
            figures = dict(zip(MONTH_FIGURES, sums, strict=True))
            for name in MONTH_FIGURES:
                totals[name] += figures[name]
            figures["attendance_rate"] = rate(figures["present_count"], figures["member_count"])
            cells.append((cell, figures))
        Organization = self.env["party.organization"]
        cell_domain = [("id", "in", cell_ids)]
        months = (date_to.year - date_from.year) * 12 + date_to.month - date_from.month + 1
        cell_count = Organization.search_count(cell_domain)
        Proposal = self.env["party.proposal"]
        proposal_states = dict(
            Proposal._read_group(
                [
                    ("cell_id", "in", cell_ids),
                    # the meeting's cell is the proposal's (_check_origin): the
                    # subquery on the meetings reads the cells' meetings by
                    # their index, not every meeting of the months
                    ("meeting_id", "any", [
                        ("cell_id", "in", cell_ids),
                        ("date", ">=", date_from),
                        ("date", "<=", date_to),
                    ]),
                ],
                ["state"],
                ["__count"],
            )
        )
        return {
            "months": months,
            "cell_count": cell_count,
            "regular_expected": cell_count * months,
            "covered_cell_count": Organization.search_count(
                cell_domain + [("has_principal_cadre", "=", True)]
            ),
            "totals": totals,
            "attendance_rate": rate(totals["present_count"], totals["member_count"]),
            "coverage_rate": rate(totals["cadre_attended_count"], totals["held_count"]),
            "report_rate": rate(totals["report_on_time_count"], totals["report_due_count"]),
            "score_bands": [
                (label, totals[f"{band}_count"])
                for band, label in self.env["party.meeting.score"]._fields[
                    "classification"
                ]._description_selection(self.env)
            ],
            "proposal_states": [
                (state, label, proposal_states.get(state, 0))
                for state, label in Proposal._fields["state"]._description_selection(self.env)
            ],
            "cells": cells,
        }


class ReportPartyCadreYear(models.AbstractModel):
    """The year-end compliance sheet of an organization's cadres: for each
    cadre the year's attendance and reports, and, once the evaluation is
    prepared, its points, the rating they suggest, the one the office
    proposes and the one the committee decided."""

    _name = "report.party_cell_meeting.report_party_cadre_year"
    _description = "Year-End Compliance of Assigned Cadres"

    @api.model
    def _year(self, data):
        year = (data or {}).get("year")
        return str(year or fields.Date.context_today(self).year)

    @api.model
    def _get_report_values(self, docids, data=None):
        docids = printed_ids(docids, data)
        organizations = self.env["party.organization"].browse(docids)
        organizations._check_party_office_scope()
        year = self._year(data)
        return {
            "doc_ids": docids,
            "doc_model": "party.organization",
            "docs": organizations,
            "year": year,
            "summary_line": self.env._(
                "attendance at cell meetings and reporting of the assigned cadres, "
                "year %(year)s",
                year=year,
            ),
            "sheets": {
                organization.id: self._sheet(organization, year) for organization in organizations
            },
        }

    @api.model
    def _sheet(self, organization, year):
        self.env.flush_all()
        domain = [
            ("organization_id", "in", organization._party_subtree_ids()),
            ("year", "=", year),
        ]
        rows = []
        for cadre, *sums in self.env["party.cadre.stat"]._read_group(
            domain, ["cadre_id"], [f"{name}:sum" for name in FROZEN_FIGURES], order="cadre_id"
        ):
            rows.append((cadre, cadre_figures(sums)))
        rated = self.env["party.cadre.evaluation"]._year_ratings(
            domain + [("period_type", "=", "year")]
        )
        return {
            "rows": rows,
            # a cadre rated by two committees of the organization reads under each in turn
            "ratings": {cadre: values for (_committee, cadre, _year), values in rated.items()},
        }


class ReportPartyMeetingMinutes(models.AbstractModel):
    """The minutes of cell meetings, printed only by those who may read them."""

    _name = "report.party_cell_meeting.report_party_meeting_minutes"
    _description = "Minutes of Cell Meetings"

    @api.model
    def _get_report_values(self, docids, data=None):
        meetings = self.env["party.meeting"].browse(docids)
        meetings.check_access("read")
        # one sentence per kind: Vietnamese puts the kind after the meeting
        summaries = {
            "regular": self.env._("of the regular cell meeting of %(month)s"),
            "thematic": self.env._("of the thematic cell meeting of %(month)s"),
            "extraordinary": self.env._("of the extraordinary cell meeting of %(month)s"),
        }
        texts = {}
        attendance = {}
        for meeting in meetings:
            lines = meeting.attendance_ids
            members = lines.filtered(lambda line: line.attendee_role == "member")
            # as the figures above the table count them: exempt members apart
            attendance[meeting.id] = {
                "members": members.filtered(lambda line: not line.member_id.is_exempt),
                "exempt": members.filtered(lambda line: line.member_id.is_exempt),
                "cadres": lines - members,
            }
            time = format_time(self.env, meeting.time_start)
            if meeting.time_end:
                # HD 42: the minutes say how long the meeting lasted
                time = self.env._(
                    "%(start)s to %(end)s (%(minutes)s minutes)",
                    start=time,
                    end=format_time(self.env, meeting.time_end),
                    minutes=meeting.duration_minutes,
                )
            held = self.env._(
                "Held on %(date)s at %(time)s.",
                date=meeting.date.strftime("%d/%m/%Y"),
                time=time,
            )
            if meeting.location:
                held = self.env._(
                    "Held on %(date)s at %(time)s, at %(place)s.",
                    date=meeting.date.strftime("%d/%m/%Y"),
                    time=time,
                    place=meeting.location,
                )
            texts[meeting.id] = {
                "summary": summaries[meeting.kind] % {"month": meeting.date.strftime("%m/%Y")},
                "held": held,
            }
        return {
            "doc_ids": docids,
            "doc_model": "party.meeting",
            "docs": meetings,
            "texts": texts,
            "attendance": attendance,
            "member_fields": ["member_count", "present_count", "excused_count",
                              "unexcused_count"],
        }


class ReportPartyMeetingReport(models.AbstractModel):
    """The cadres' report forms, printed only by those who may read them."""

    _name = "report.party_cell_meeting.report_party_meeting_report"
    _description = "Cadres' Report Forms"

    @api.model
    def _get_report_values(self, docids, data=None):
        reports = self.env["party.meeting.report"].browse(docids)
        reports.check_access("read")
        texts = {}
        for report in reports:
            deadline = report.date_deadline and report.date_deadline.strftime("%d/%m/%Y") or ""
            if not report.date_submitted:
                submission = self.env._(
                    "Due on %(deadline)s; not submitted yet.", deadline=deadline
                )
            elif report.is_late:
                submission = self.env._(
                    "Due on %(deadline)s; submitted late, on %(date)s.",
                    deadline=deadline, date=report.date_submitted.strftime("%d/%m/%Y"),
                )
            else:
                submission = self.env._(
                    "Due on %(deadline)s; submitted on time, on %(date)s.",
                    deadline=deadline, date=report.date_submitted.strftime("%d/%m/%Y"),
                )
            issuer = report.assignment_id.issuer_id
            texts[report.id] = {
                "summary": self.env._(
                    "on attending the cell meeting of %(month)s",
                    month=report.meeting_date.strftime("%m/%Y"),
                ),
                "to": self.env._(
                    "To: %(addressee)s", addressee=issuer._party_addressee() if issuer else ""
                ),
                # the hours the cadre saw, once known
                "time": report.time_end and " – ".join(
                    format_time(self.env, hours) for hours in (report.time_start, report.time_end)
                ) or "",
                "submission": submission,
            }
        return {
            "doc_ids": docids,
            "doc_model": "party.meeting.report",
            "docs": reports,
            "texts": texts,
            # a personal report, addressed above ("Kính gửi"): its copies
            "recipients": [self.env._("- As above,"), self.env._("- Filed.")],
            "steps": list(MEETING_STEPS),
            "member_fields": list(ATTENDANCE_FIELDS),
        }
