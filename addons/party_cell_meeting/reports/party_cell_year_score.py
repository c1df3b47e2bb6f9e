from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.party_score_template import CLASS_RANK, CLASSIFICATIONS


def _rank(column):
    """SQL ranking a classification column as CLASS_RANK does; 0 when empty."""
    return SQL(
        "CASE %s %s ELSE 0 END",
        column,
        SQL(" ").join(
            SQL("WHEN %s THEN %s", name, rank) for name, rank in CLASS_RANK.items()
        ),
    )


class PartyCellYearScore(models.Model):
    """A cell's year: its held regular meetings and their confirmed scores,
    classified by the rules of the rubric of its latest confirmed sheet.

    Excellent when every regular meeting held is at least the rubric's floor
    (good) and enough of them (7) are excellent; good when every one is at
    least average; average otherwise. A held meeting without a confirmed
    sheet is below every floor. No row for a year without a held meeting."""

    _name = "party.cell.year.score"
    _description = "Cell Meeting Quality by Year"
    _auto = False
    _order = "year desc, cell_id"
    _rec_name = "cell_id"

    cell_id = fields.Many2one("party.organization", readonly=True)
    superior_id = fields.Many2one("party.organization", "Superior Committee", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    year = fields.Char(readonly=True)
    template_id = fields.Many2one("party.score.template", "Rubric", readonly=True)
    meeting_count = fields.Integer("Regular Meetings Held", readonly=True)
    scored_count = fields.Integer("Confirmed Scores", readonly=True)
    unscored_count = fields.Integer("Not Confirmed", readonly=True)
    excellent_count = fields.Integer("Excellent Meetings", readonly=True)
    good_count = fields.Integer("Good Meetings", readonly=True)
    average_count = fields.Integer("Average Meetings", readonly=True)
    poor_count = fields.Integer("Poor Meetings", readonly=True)
    average_total = fields.Float("Average Score", readonly=True, aggregator="avg", digits=(6, 2))
    classification = fields.Selection(CLASSIFICATIONS, readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                WITH years AS (
                    SELECT min(m.id) AS id,
                           m.cell_id,
                           m.superior_id,
                           m.company_id,
                           to_char(m.date, 'YYYY') AS year,
                           count(*) AS meeting_count,
                           count(s.id) AS scored_count,
                           count(*) FILTER (WHERE s.classification = 'excellent')
                               AS excellent_count,
                           count(*) FILTER (WHERE s.classification = 'good') AS good_count,
                           count(*) FILTER (WHERE s.classification = 'average') AS average_count,
                           count(*) FILTER (WHERE s.classification = 'poor') AS poor_count,
                           avg(s.total) AS average_total,
                           min(%(rank_meeting)s) AS lowest_rank,
                           (array_agg(s.template_id ORDER BY m.date DESC, m.id DESC)
                                FILTER (WHERE s.id IS NOT NULL))[1] AS template_id
                      FROM party_meeting m
                 LEFT JOIN party_meeting_score s
                        ON s.meeting_id = m.id AND s.state = 'confirmed'
                     WHERE m.kind = 'regular' AND m.state = 'held'
                  GROUP BY m.cell_id, m.superior_id, m.company_id, to_char(m.date, 'YYYY')
                )
                SELECT y.id, y.cell_id, y.superior_id, y.company_id, y.year,
                       y.template_id, y.meeting_count, y.scored_count,
                       y.meeting_count - y.scored_count AS unscored_count,
                       y.excellent_count, y.good_count, y.average_count, y.poor_count,
                       y.average_total,
                       CASE
                           WHEN y.template_id IS NULL THEN NULL
                           WHEN y.lowest_rank >= %(rank_excellent_floor)s
                                AND y.excellent_count >= t.year_excellent_count
                               THEN 'excellent'
                           WHEN y.lowest_rank >= %(rank_good_floor)s THEN 'good'
                           ELSE 'average'
                       END AS classification
                  FROM years y
             LEFT JOIN party_score_template t ON t.id = y.template_id
            )
            """,
                table=SQL.identifier(self._table),
                rank_meeting=_rank(SQL.identifier("s", "classification")),
                rank_excellent_floor=_rank(SQL.identifier("t", "year_excellent_floor")),
                rank_good_floor=_rank(SQL.identifier("t", "year_good_floor")),
            )
        )
