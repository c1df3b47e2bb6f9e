from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.party_meeting_score import MAX_EXCUSED_IN_A_ROW


class PartyMemberYearAttendance(models.Model):
    """A member's attendance at their cell's held meetings in a year, with
    the two flags of the annual review: any absence without excuse, and more
    than 3 excused absences in a row. Exempt members are left out."""

    _name = "party.member.year.attendance"
    _description = "Member Attendance by Year"
    _auto = False
    _order = "year desc, cell_id, member_id"
    _rec_name = "member_id"

    member_id = fields.Many2one("party.member", readonly=True)
    cell_id = fields.Many2one("party.organization", readonly=True)
    superior_id = fields.Many2one("party.organization", "Superior Committee", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    year = fields.Char(readonly=True)
    meeting_count = fields.Integer("Meetings", readonly=True)
    present_count = fields.Integer("Present", readonly=True)
    excused_count = fields.Integer("Absent (Excused)", readonly=True)
    unexcused_count = fields.Integer("Absent (Unexcused)", readonly=True)
    longest_excused_run = fields.Integer(
        "Most Excused in a Row", readonly=True, aggregator="max"
    )
    has_unexcused = fields.Boolean("Unexcused Absence", readonly=True)
    has_excused_run = fields.Boolean(
        "Excused More Than 3 Times in a Row", readonly=True
    )
    is_flagged = fields.Boolean("Flagged", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                WITH lines AS (
                    SELECT a.id, a.member_id, a.status, m.date, m.id AS meeting_id,
                           m.cell_id, m.superior_id, m.company_id,
                           to_char(m.date, 'YYYY') AS year,
                           -- runs of equal "excused or not" in date order
                           row_number() OVER (PARTITION BY a.member_id, to_char(m.date, 'YYYY')
                                              ORDER BY m.date, m.id)
                           - row_number() OVER (PARTITION BY a.member_id, to_char(m.date, 'YYYY'),
                                                             a.status = 'absent_excused'
                                                ORDER BY m.date, m.id) AS run
                      FROM party_meeting_attendance a
                      JOIN party_meeting m ON m.id = a.meeting_id
                      JOIN party_member p ON p.id = a.member_id
                     WHERE a.attendee_role = 'member'
                       AND m.state = 'held'
                       AND a.status IN ('present', 'absent_excused', 'absent_unexcused')
                       AND p.is_exempt IS NOT TRUE
                ),
                runs AS (
                    SELECT member_id, year, max(length) AS longest
                      FROM (SELECT member_id, year, run, count(*) AS length
                              FROM lines
                             WHERE status = 'absent_excused'
                          GROUP BY member_id, year, run) r
                  GROUP BY member_id, year
                )
                SELECT min(l.id) AS id,
                       l.member_id,
                       (array_agg(l.cell_id ORDER BY l.date DESC, l.meeting_id DESC))[1] AS cell_id,
                       (array_agg(l.superior_id ORDER BY l.date DESC, l.meeting_id DESC))[1]
                           AS superior_id,
                       (array_agg(l.company_id ORDER BY l.date DESC, l.meeting_id DESC))[1]
                           AS company_id,
                       l.year,
                       count(*) AS meeting_count,
                       count(*) FILTER (WHERE l.status = 'present') AS present_count,
                       count(*) FILTER (WHERE l.status = 'absent_excused') AS excused_count,
                       count(*) FILTER (WHERE l.status = 'absent_unexcused') AS unexcused_count,
                       coalesce(r.longest, 0) AS longest_excused_run,
                       bool_or(l.status = 'absent_unexcused') AS has_unexcused,
                       coalesce(r.longest, 0) > %(max_run)s AS has_excused_run,
                       bool_or(l.status = 'absent_unexcused')
                           OR coalesce(r.longest, 0) > %(max_run)s AS is_flagged
                  FROM lines l
             LEFT JOIN runs r ON r.member_id = l.member_id AND r.year = l.year
              GROUP BY l.member_id, l.year, r.longest
            )
            """,
                table=SQL.identifier(self._table),
                max_run=MAX_EXCUSED_IN_A_ROW,
            )
        )
