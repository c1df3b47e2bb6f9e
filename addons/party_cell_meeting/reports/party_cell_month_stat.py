from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.party_proposal import OPEN_STATES
from ..models.party_score_template import CLASSIFICATIONS


class PartyCellMonthStat(models.Model):
    """A cell's month: its meetings held, cancelled or still planned, the
    members' attendance at the held ones, the assigned cadres' presence and
    reports, the confirmed score of the regular meeting, and the proposals
    raised at the month's meetings with what became of them.

    The counts add up over months and cells (the monthly consolidation of an
    organization is their sum); the rates are recomputed from the sums."""

    _name = "party.cell.month.stat"
    _inherit = ["party.stat.scope.mixin"]
    _description = "Cell Meetings by Month"
    _auto = False
    _order = "period desc, cell_id"
    _rec_name = "cell_id"

    cell_id = fields.Many2one("party.organization", readonly=True)
    superior_id = fields.Many2one("party.organization", "Superior Committee", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    period = fields.Char("Month (YYYY-MM)", readonly=True, help="The month, as YYYY-MM.")
    month_label = fields.Char(
        "Month", readonly=True, help="The month as Vietnamese writes it: 11/2026."
    )
    year = fields.Char(readonly=True)
    date = fields.Date("First Day", readonly=True)
    regular_held = fields.Boolean("Regular Meeting Held", readonly=True)
    regular_held_count = fields.Integer(
        "Regular Meetings Held", readonly=True,
        help="1 when the regular meeting of the month was held: adds up over months.",
    )
    held_count = fields.Integer("Meetings Held", readonly=True)
    cancelled_count = fields.Integer("Meetings Cancelled", readonly=True)
    too_short_count = fields.Integer(
        "Meetings Too Short", readonly=True,
        help="Held meetings shorter than the minimum duration in force for the cell.",
    )
    planned_count = fields.Integer("Meetings Not Held Yet", readonly=True)
    cadre_attended_count = fields.Integer(
        "Held with an Assigned Cadre", readonly=True,
        help="Held meetings at which at least one assigned cadre was present.",
    )
    member_count = fields.Integer("Members Due", readonly=True)
    present_count = fields.Integer("Members Present", readonly=True)
    attendance_rate = fields.Float(
        "Attendance Rate (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )
    report_due_count = fields.Integer("Reports Due", readonly=True)
    report_on_time_count = fields.Integer("Reports On Time", readonly=True)
    report_late_count = fields.Integer("Reports Late", readonly=True)
    report_missing_count = fields.Integer("Reports Missing", readonly=True)
    score = fields.Float(
        "Score of the Regular Meeting", readonly=True, aggregator="avg", digits=(6, 2)
    )
    classification = fields.Selection(CLASSIFICATIONS, "Class", readonly=True)
    excellent_count = fields.Integer("Excellent Meetings", readonly=True)
    good_count = fields.Integer("Good Meetings", readonly=True)
    average_count = fields.Integer("Average Meetings", readonly=True)
    poor_count = fields.Integer("Poor Meetings", readonly=True)
    proposal_count = fields.Integer("Proposals Raised", readonly=True)
    proposal_open_count = fields.Integer("Proposals Open", readonly=True)
    proposal_resolved_count = fields.Integer("Proposals Resolved", readonly=True)
    proposal_rejected_count = fields.Integer("Proposals Rejected", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        held = SQL("m.state = 'held'")
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT min(m.id) AS id,
                       m.cell_id, m.superior_id, m.company_id, m.period,
                       left(m.period, 4) AS year,
                       to_date(m.period || '-01', 'YYYY-MM-DD') AS date,
                       right(m.period, 2) || '/' || left(m.period, 4) AS month_label,
                       bool_or(%(held)s AND m.kind = 'regular') AS regular_held,
                       bool_or(%(held)s AND m.kind = 'regular')::int AS regular_held_count,
                       count(*) FILTER (WHERE %(held)s)::int AS held_count,
                       count(*) FILTER (WHERE m.state = 'cancelled')::int AS cancelled_count,
                       count(*) FILTER (WHERE m.is_too_short)::int AS too_short_count,
                       count(*) FILTER (WHERE m.state = 'planned')::int AS planned_count,
                       count(*) FILTER (WHERE %(held)s AND m.cadre_attended)::int
                           AS cadre_attended_count,
                       coalesce(sum(m.member_count) FILTER (WHERE %(held)s), 0)::int
                           AS member_count,
                       coalesce(sum(m.present_count) FILTER (WHERE %(held)s), 0)::int
                           AS present_count,
                       round(coalesce(100.0 * sum(m.present_count) FILTER (WHERE %(held)s)
                             / nullif(sum(m.member_count) FILTER (WHERE %(held)s), 0), 0), 1)
                           AS attendance_rate,
                       coalesce(sum(r.due) FILTER (WHERE %(held)s), 0)::int AS report_due_count,
                       coalesce(sum(r.on_time) FILTER (WHERE %(held)s), 0)::int
                           AS report_on_time_count,
                       coalesce(sum(r.late) FILTER (WHERE %(held)s), 0)::int AS report_late_count,
                       coalesce(sum(r.due - r.on_time - r.late) FILTER (WHERE %(held)s), 0)::int
                           AS report_missing_count,
                       (array_agg(s.total ORDER BY m.date DESC, m.id DESC)
                            FILTER (WHERE s.id IS NOT NULL AND m.kind = 'regular'))[1] AS score,
                       (array_agg(s.classification ORDER BY m.date DESC, m.id DESC)
                            FILTER (WHERE s.id IS NOT NULL AND m.kind = 'regular'))[1]
                           AS classification,
                       count(s.id) FILTER (WHERE s.classification = 'excellent')::int
                           AS excellent_count,
                       count(s.id) FILTER (WHERE s.classification = 'good')::int AS good_count,
                       count(s.id) FILTER (WHERE s.classification = 'average')::int
                           AS average_count,
                       count(s.id) FILTER (WHERE s.classification = 'poor')::int AS poor_count,
                       coalesce(sum(p.raised), 0)::int AS proposal_count,
                       coalesce(sum(p.open), 0)::int AS proposal_open_count,
                       coalesce(sum(p.resolved), 0)::int AS proposal_resolved_count,
                       coalesce(sum(p.rejected), 0)::int AS proposal_rejected_count
                  FROM party_meeting m
             LEFT JOIN party_meeting_score s
                    ON s.meeting_id = m.id AND s.state = 'confirmed' AND %(held)s
             LEFT JOIN LATERAL (
                        SELECT count(*) FILTER (WHERE a.status = 'present') AS due,
                               count(*) FILTER (WHERE a.status = 'present'
                                                  AND rp.date_submitted <= rp.date_deadline)
                                   AS on_time,
                               count(*) FILTER (WHERE a.status = 'present'
                                                  AND rp.date_submitted > rp.date_deadline)
                                   AS late
                          FROM party_meeting_attendance a
                     LEFT JOIN party_meeting_report rp
                            ON rp.meeting_id = a.meeting_id
                           AND rp.assignment_id = a.assignment_id
                         WHERE a.meeting_id = m.id
                           AND a.attendee_role = 'assigned_cadre'
                           AND a.assignment_id IS NOT NULL
                    ) r ON TRUE
             LEFT JOIN LATERAL (
                        SELECT count(*) AS raised,
                               count(*) FILTER (WHERE pp.state IN %(open)s) AS open,
                               count(*) FILTER (WHERE pp.state = 'resolved') AS resolved,
                               count(*) FILTER (WHERE pp.state = 'rejected') AS rejected
                          FROM party_proposal pp
                         WHERE pp.meeting_id = m.id
                    ) p ON TRUE
              GROUP BY m.cell_id, m.superior_id, m.company_id, m.period
            )
            """,
                table=SQL.identifier(self._table),
                held=held,
                open=OPEN_STATES,
            )
        )
