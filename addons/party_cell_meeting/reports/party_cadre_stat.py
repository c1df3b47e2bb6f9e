from odoo import fields, models, tools
from odoo.tools import SQL

# the assigned cadres' lines of held meetings, with what the rows group by
HELD_CADRE_LINES = SQL(
    """
    SELECT id, meeting_id, assignment_id, member_id, company_id, date, status,
           issuer_id, assignment_role
      FROM party_meeting_attendance
     WHERE attendee_role = 'assigned_cadre' AND meeting_state = 'held'
       AND assignment_id IS NOT NULL"""
)


class PartyCadreStat(models.Model):
    """A cadre's year: the held meetings they were assigned to attend, how
    they attended, and the reports owed on the meetings they attended.

    A deputy owes the meetings where no principal of the cell attended (and
    is credited with those they attended anyway).

    One row per cadre, year and assigning committee (`organization_id`, the
    issuer of the decision): the committee that rates the cadre at year end
    reads its own cadres. A report is due on every held meeting the cadre
    attended; it is on time when first submitted by its due date, late when
    after, missing while never submitted (a report reopened for correction
    keeps its first submission date)."""

    _name = "party.cadre.stat"
    _inherit = ["party.stat.scope.mixin"]
    _description = "Cadre Attendance and Reporting by Year"
    _auto = False
    _order = "year desc, organization_id, cadre_id"
    _rec_name = "cadre_id"
    _party_scope_field = "organization_id"

    cadre_id = fields.Many2one("party.member", readonly=True)
    organization_id = fields.Many2one(
        "party.organization",
        "Assigning Committee",
        readonly=True,
        help="The committee whose decision assigned the cadre.",
    )
    company_id = fields.Many2one("res.company", readonly=True)
    year = fields.Char(readonly=True)
    assigned_count = fields.Integer("Meetings Assigned", readonly=True)
    attended_count = fields.Integer("Attended", readonly=True)
    excused_count = fields.Integer("Absent (Excused)", readonly=True)
    unexcused_count = fields.Integer("Absent (Unexcused)", readonly=True)
    report_due_count = fields.Integer("Reports Due", readonly=True)
    report_on_time_count = fields.Integer("Reports On Time", readonly=True)
    report_late_count = fields.Integer("Reports Late", readonly=True)
    report_missing_count = fields.Integer("Reports Missing", readonly=True)
    attendance_rate = fields.Float(
        "Attendance Rate (%)", readonly=True, aggregator="avg", digits=(5, 1),
        help="Meetings attended out of the held meetings the cadre was assigned to.",
    )
    report_rate = fields.Float(
        "Reports On Time (%)", readonly=True, aggregator="avg", digits=(5, 1),
        help="Reports submitted by their due date out of the reports due.",
    )

    def init(self):
        # the rows are the query of _table_query since issue 13: the view of
        # before is dropped on upgrade
        tools.drop_view_if_exists(self.env.cr, self._table)

    def _party_quarter_sql(self):
        """The expression of the quarter when the rows cut a cadre's year
        into quarters; an empty SQL for whole years."""
        return SQL()

    @property
    def _table_query(self):
        """The cadres' years, read for the current user's scope only.

        Grouped in a view, the rows of the whole country were grouped before
        the scope of the search could reach the meetings and the reports
        (each line looked its meeting and its report up: 700 ms for a
        province nationally). The rows here are those of the scope of
        party.stat.scope.mixin (the committees the user's rules reach, and
        the user's own cadre rows), which the mixin's search adds anyway:
        the lines of the scope, found by the committee stored on each line,
        and only the reports of their assignments, joined by hash. The
        record rules still apply to these rows as to any table."""
        quarter = self._party_quarter_sql()
        scope = self._party_scope_ids()
        if scope is None:
            # the whole country: plain scans, which PostgreSQL hashes; the
            # search's filters (a year, a committee) reach into them
            fence = SQL()
            prelude = SQL(
                """WITH line AS NOT MATERIALIZED (%(lines)s
                ), report AS NOT MATERIALIZED (
                    SELECT meeting_id, assignment_id, date_submitted, date_deadline
                      FROM party_meeting_report
                )""",
                lines=HELD_CADRE_LINES,
            )
        else:
            # MATERIALIZED, and arrays rather than IN subqueries: each table
            # is read once by its index for the whole scope, where PostgreSQL,
            # misestimating the rows, would look each line's report up
            prelude = SQL(
                """WITH line AS MATERIALIZED (%(lines)s
                       AND (issuer_id = ANY(%(scope)s::int[])
                            OR member_id = ANY(%(members)s::int[]))
                ), report AS MATERIALIZED (
                    SELECT meeting_id, assignment_id, date_submitted, date_deadline
                      FROM party_meeting_report
                     WHERE assignment_id = ANY(ARRAY(SELECT DISTINCT assignment_id FROM line))
                )""",
                lines=HELD_CADRE_LINES,
                scope=scope,
                members=self.env.user.sudo().party_member_ids.ids,
            )
            # the search's filters on the rows would otherwise be pushed into
            # the scan of the lines, where PostgreSQL, expecting a row or two,
            # would then join each line to every report by a nested loop
            fence = SQL("OFFSET 0")
        return SQL(
            """%(prelude)s, principal_present AS MATERIALIZED (
                    -- the meetings a principal attended, among those where a
                    -- deputy did not: a deputy is due only when no principal
                    -- of the cell attended (standing by is not an absence)
                    SELECT DISTINCT meeting_id
                      FROM party_meeting_attendance
                     WHERE meeting_id = ANY(ARRAY(
                               SELECT meeting_id FROM line
                                WHERE assignment_role = 'deputy' AND status != 'present'))
                       AND assignment_role = 'principal'
                       AND status = 'present'
                )
                SELECT min(a.id) AS id,
                       a.member_id AS cadre_id,
                       a.issuer_id AS organization_id,
                       a.company_id,
                       to_char(a.date, 'YYYY') AS year %(quarter_column)s,
                       count(*)::int AS assigned_count,
                       count(*) FILTER (WHERE a.status = 'present')::int AS attended_count,
                       count(*) FILTER (WHERE a.status = 'absent_excused')::int AS excused_count,
                       count(*) FILTER (WHERE a.status = 'absent_unexcused')::int
                           AS unexcused_count,
                       count(*) FILTER (WHERE a.status = 'present')::int AS report_due_count,
                       count(*) FILTER (WHERE a.status = 'present'
                                          AND r.date_submitted <= r.date_deadline)::int
                           AS report_on_time_count,
                       count(*) FILTER (WHERE a.status = 'present'
                                          AND r.date_submitted > r.date_deadline)::int
                           AS report_late_count,
                       count(*) FILTER (WHERE a.status = 'present'
                                          AND r.date_submitted IS NULL)::int
                           AS report_missing_count,
                       round(100.0 * count(*) FILTER (WHERE a.status = 'present')
                             / count(*), 1) AS attendance_rate,
                       round(coalesce(100.0 * count(*) FILTER (
                                 WHERE a.status = 'present'
                                   AND r.date_submitted <= r.date_deadline)
                             / nullif(count(*) FILTER (WHERE a.status = 'present'), 0), 0), 1)
                           AS report_rate
                  FROM line a
             LEFT JOIN report r
                    ON r.meeting_id = a.meeting_id AND r.assignment_id = a.assignment_id
                 WHERE a.assignment_role = 'principal'
                    OR a.status = 'present'
                    OR NOT EXISTS (SELECT 1 FROM principal_present p
                                    WHERE p.meeting_id = a.meeting_id)
              GROUP BY a.member_id, a.issuer_id, a.company_id, to_char(a.date, 'YYYY')
                       %(quarter_group)s
                       %(fence)s
            """,
            prelude=prelude,
            fence=fence,
            quarter_column=SQL(", %s AS quarter", quarter) if quarter else SQL(),
            quarter_group=SQL(", %s", quarter) if quarter else SQL(),
        )


class PartyCadreQuarterStat(models.Model):
    """The same figures by quarter, for the quarterly assessment of
    leaders (Kết luận 198-KL/TW)."""

    _name = "party.cadre.quarter.stat"
    _inherit = "party.cadre.stat"
    _description = "Cadre Attendance and Reporting by Quarter"
    _order = "year desc, quarter desc, organization_id, cadre_id"

    quarter = fields.Char(readonly=True)

    def _party_quarter_sql(self):
        return SQL("extract(quarter FROM a.date)::int::varchar")
