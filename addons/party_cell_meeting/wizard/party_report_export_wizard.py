import base64
import itertools
import tempfile
from urllib.parse import urlencode

import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.date_utils import end_of, start_of

from ..models.party_cadre_evaluation import QUARTERS
from ..models.party_integrity_mixin import check_typed_date
from ..models.party_report_export import XLSX_MIMETYPE

# above this many rows (cells times months) the workbook is written by a cron
BACKGROUND_ROWS_PARAM = "party_cell_meeting.xlsx_background_rows"
BACKGROUND_ROWS_DEFAULT = 20000
# the kinds of a column of the workbook
TEXT, NUMBER = "text", "number"
# rows fetched from the database at a time
STREAM_BATCH = 5000
# names of the database cursors the rows are read through
_CURSOR_NAMES = itertools.count()


class PartyReportExportWizard(models.TransientModel):
    """Print or export what the cells of an organization did over whole
    months: the monthly consolidation (PDF), the cells month by month and
    the cadres' statistics (XLSX), the year-end compliance sheet (PDF) and
    the year-end evaluations it prepares."""

    _name = "party.report.export.wizard"
    _description = "Print and Export Cell Meeting Figures"

    organization_id = fields.Many2one(
        "party.organization",
        required=True,
        domain="[('level', '!=', 'cell')]",
        default=lambda self: self.env.user.party_organization_ids[:1],
    )
    date_from = fields.Date(
        "From", required=True,
        default=lambda self: start_of(
            fields.Date.context_today(self) - relativedelta(months=1), "month"
        ),
    )
    date_to = fields.Date(
        "To", required=True,
        default=lambda self: end_of(
            fields.Date.context_today(self) - relativedelta(months=1), "month"
        ),
    )
    year = fields.Char(
        compute="_compute_year", store=True, readonly=False,
        help="The year of the compliance sheet and of the evaluations.",
    )
    quarter = fields.Selection(
        QUARTERS,
        "Quarter to Evaluate",
        help="Prepare the evaluations of this quarter of the year (Kết luận 198-KL/TW: "
        "the first three quarters; the fourth is assessed with the year). Empty: the year.",
    )
    file_data = fields.Binary("File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.depends("date_to")
    def _compute_year(self):
        for wizard in self:
            wizard.year = str(wizard.date_to.year) if wizard.date_to else False

    def _check(self):
        self.ensure_one()
        for name in ("date_from", "date_to"):
            check_typed_date(self.env, self[name], self._fields[name]._description_string(self.env))
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period ends before it starts."))
        self.organization_id._check_party_office_scope()

    def _months(self):
        return start_of(self.date_from, "month"), end_of(self.date_to, "month")

    def action_print_consolidation(self):
        self._check()
        date_from, date_to = self._months()
        return self.env.ref("party_cell_meeting.action_report_party_consolidation").report_action(
            self.organization_id,
            data={"date_from": fields.Date.to_string(date_from),
                  "date_to": fields.Date.to_string(date_to)},
        )

    def action_print_cadre_year(self):
        self._check()
        return self.env.ref("party_cell_meeting.action_report_party_cadre_year").report_action(
            self.organization_id, data={"year": self._get_year()}
        )

    def action_prepare_evaluations(self):
        self._check()
        year = self._get_year()
        self.env["party.cadre.evaluation"]._prepare_period(
            self.organization_id.ids, year, self.quarter
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_cell_meeting.party_cadre_evaluation_action"
        )
        action["domain"] = [
            ("organization_id", "child_of", self.organization_id.id),
            ("year", "=", year),
            ("period_type", "=", "quarter" if self.quarter else "year"),
            ("quarter", "=", self.quarter),
        ]
        return action

    def _get_year(self):
        if not (self.year or "").isdigit() or len(self.year) != 4:
            raise UserError(self.env._("%(year)s is not a year.", year=self.year or ""))
        check_typed_date(
            self.env,
            fields.Date.to_date(f"{self.year}-12-31"),
            self._fields["year"]._description_string(self.env),
        )
        return self.year

    def action_export_xlsx(self):
        """Fill file_data with the workbook and offer its download; a large
        workbook is prepared in the background and sent to the user."""
        self._check()
        if self._xlsx_row_estimate() > self._xlsx_background_rows():
            return self._queue_xlsx()
        self.write(
            {
                "file_data": base64.b64encode(self._xlsx_content()),
                "file_name": self._xlsx_file_name(),
            }
        )
        # the type is given: guessing it from the first bytes of a workbook
        # fails (a zip is read whole) and logs a traceback on each download
        query = urlencode({"download": "true", "mimetype": XLSX_MIMETYPE})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file_data/{self.file_name}?{query}",
            "target": "self",
        }

    def _xlsx_file_name(self):
        return self.env._(
            "cell-meetings-%(code)s-%(start)s-%(end)s.xlsx",
            code=self.organization_id.code,
            start=self.date_from.strftime("%Y%m"),
            end=self.date_to.strftime("%Y%m"),
        )

    def _xlsx_row_estimate(self):
        """The rows of the first sheet at most: the cells times the months."""
        date_from, date_to = self._months()
        months = (date_to.year - date_from.year) * 12 + date_to.month - date_from.month + 1
        return len(self.organization_id._party_subtree_ids(cells_only=True)) * months

    def _xlsx_background_rows(self):
        value = self.env["ir.config_parameter"].sudo().get_param(BACKGROUND_ROWS_PARAM)
        try:
            return int(value) if value else BACKGROUND_ROWS_DEFAULT
        except ValueError:
            return BACKGROUND_ROWS_DEFAULT

    def _queue_xlsx(self):
        """Ask the cron for the workbook (once: the same request still
        waiting is not asked again) and tell the user it will come."""
        Export = self.env["party.report.export"].sudo()
        vals = {
            "user_id": self.env.uid,
            "organization_id": self.organization_id.id,
            "date_from": self.date_from,
            "date_to": self.date_to,
        }
        if not Export.search_count([(name, "=", value) for name, value in vals.items()]
                                   + [("state", "=", "queued")], limit=1):
            Export.create(
                {**vals, "name": self._xlsx_file_name(), "row_count": self._xlsx_row_estimate()}
            )
        self.env.ref("party_cell_meeting.party_report_export_cron").sudo()._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Export to Excel"),
                "message": self.env._(
                    "The workbook of %(organization)s is large: it is being prepared in the "
                    "background. It will arrive in your inbox with a download link, and "
                    "under Analysis > My Exports.",
                    organization=self.organization_id.name,
                ),
                "type": "info",
                "sticky": True,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------------------
    # The workbook
    # ------------------------------------------------------------------
    #
    # The rows are read by one SQL query per sheet and streamed to the
    # workbook: the ORM decides which rows the user reads (its _search applies
    # the record rules and the scope of the statistics), the query built on
    # that search reads their figures with the names and codes of their cells
    # and committees, and labels are given to PostgreSQL once, translated.
    # Reading 100,000 rows as records (their fields, then their cells'
    # names) cost as much as writing the workbook, and held every row in
    # memory; xlsxwriter's constant_memory mode writes each row to a
    # temporary file as it comes instead of keeping the sheet.

    def _cell_month_columns(self, stat, cell, superior):
        """(header, width, type, SQL of the value) of the first sheet, over the
        aliases of the party.cell.month.stat row, its cell and its superior
        committee."""
        _ = self.env._
        classes = self.env["party.cell.month.stat"]._fields["classification"]

        def col(alias, name):
            return SQL.identifier(alias, name)

        def count(name):
            return col(stat, name)

        class_label = SQL(
            "CASE %s %s END",
            col(stat, "classification"),
            SQL(" ").join(
                SQL("WHEN %s THEN %s", value, label)
                for value, label in classes._description_selection(self.env)
            ),
        )
        return [
            (_("Month"), 9, TEXT, col(stat, "month_label")),
            (_("Superior Committee"), 24, TEXT, col(superior, "name")),
            (_("Cell Code"), 14, TEXT, col(cell, "code")),
            (_("Cell"), 30, TEXT, col(cell, "name")),
            (_("Regular Meeting Held"), 10, TEXT,
             SQL("CASE WHEN %s THEN %s ELSE %s END", col(stat, "regular_held"),
                 _("Yes"), _("No"))),
            (_("Meetings Held"), 10, NUMBER, count("held_count")),
            (_("Meetings Cancelled"), 10, NUMBER, count("cancelled_count")),
            (_("Meetings Too Short"), 10, NUMBER, count("too_short_count")),
            (_("Members Due"), 10, NUMBER, count("member_count")),
            (_("Members Present"), 10, NUMBER, count("present_count")),
            (_("Attendance Rate (%)"), 10, NUMBER, _float(col(stat, "attendance_rate"), 1)),
            (_("Held with an Assigned Cadre"), 10, NUMBER, count("cadre_attended_count")),
            (_("Reports Due"), 10, NUMBER, count("report_due_count")),
            (_("Reports On Time"), 10, NUMBER, count("report_on_time_count")),
            (_("Reports Late"), 10, NUMBER, count("report_late_count")),
            (_("Reports Missing"), 10, NUMBER, count("report_missing_count")),
            (_("Score (Points)"), 8, NUMBER,
             SQL("CASE WHEN %s IS NOT NULL THEN %s END", col(stat, "classification"),
                 _float(col(stat, "score"), 2))),
            (_("Class"), 12, TEXT, class_label),
            (_("Proposals Raised"), 10, NUMBER, count("proposal_count")),
            (_("Proposals Open"), 10, NUMBER, count("proposal_open_count")),
            (_("Proposals Resolved"), 10, NUMBER, count("proposal_resolved_count")),
            (_("Proposals Rejected"), 10, NUMBER, count("proposal_rejected_count")),
        ]

    def _cadre_columns(self, stat, organization, cadre):
        """(header, width, type, SQL of the value) of the cadres' sheet, over
        the aliases of the party.cadre.stat row, its committee and its cadre;
        the ratings (no SQL) are those of the year's evaluations."""
        _ = self.env._

        def col(alias, name):
            return SQL.identifier(alias, name)

        return [
            (_("Year"), 7, TEXT, col(stat, "year")),
            (_("Assigning Committee"), 28, TEXT, col(organization, "name")),
            (_("Cadre"), 28, TEXT, col(cadre, "name")),
            (_("Meetings Assigned"), 10, NUMBER, _int(col(stat, "assigned_count"))),
            (_("Attended"), 10, NUMBER, _int(col(stat, "attended_count"))),
            (_("Absent (Excused)"), 10, NUMBER, _int(col(stat, "excused_count"))),
            (_("Absent (Unexcused)"), 10, NUMBER, _int(col(stat, "unexcused_count"))),
            (_("Attendance Rate (%)"), 10, NUMBER, _float(col(stat, "attendance_rate"), 1)),
            (_("Reports Due"), 10, NUMBER, _int(col(stat, "report_due_count"))),
            (_("Reports On Time"), 10, NUMBER, _int(col(stat, "report_on_time_count"))),
            (_("Reports Late"), 10, NUMBER, _int(col(stat, "report_late_count"))),
            (_("Reports Missing"), 10, NUMBER, _int(col(stat, "report_missing_count"))),
            (_("Reports On Time (%)"), 10, NUMBER, _float(col(stat, "report_rate"), 1)),
            (_("Points"), 8, NUMBER, None),
            (_("Suggested Rating"), 16, TEXT, None),
            (_("Proposed Rating"), 16, TEXT, None),
            (_("Decided Rating"), 16, TEXT, None),
        ]

    def _cell_month_domain(self):
        date_from, date_to = self._months()
        return [
            ("cell_id", "in", self.organization_id._party_subtree_ids(cells_only=True)),
            ("period", ">=", date_from.strftime("%Y-%m")),
            ("period", "<=", date_to.strftime("%Y-%m")),
        ]

    def _cell_month_sheet(self):
        """The columns of the first sheet and its rows (tuples), streamed."""
        query = self.env["party.cell.month.stat"]._search(
            self._cell_month_domain(), order="period, superior_id, cell_id"
        )
        stat = query.table
        cell = query.left_join(stat, "cell_id", "party_organization", "id", "xlsx_cell")
        superior = query.left_join(
            stat, "superior_id", "party_organization", "id", "xlsx_superior"
        )
        columns = self._cell_month_columns(stat, cell, superior)
        return columns, self._stream_rows(query.select(*(column[3] for column in columns)))

    def _cadre_sheet(self):
        """The columns of the cadres' sheet and its rows (tuples), streamed;
        the ratings come from the year's evaluations, read once."""
        domain_years = [
            ("year", ">=", str(self.date_from.year)),
            ("year", "<=", str(self.date_to.year)),
        ]
        organization_ids = self.organization_id._party_subtree_ids()
        query = self.env["party.cadre.stat"]._search(
            [("organization_id", "in", organization_ids), *domain_years],
            order="year, organization_id, cadre_id",
        )
        stat = query.table
        organization = query.left_join(
            stat, "organization_id", "party_organization", "id", "xlsx_committee"
        )
        cadre = query.left_join(stat, "cadre_id", "party_member", "id", "xlsx_cadre")
        columns = self._cadre_columns(stat, organization, cadre)
        figures = [column[3] for column in columns if column[3] is not None]
        keys = [SQL.identifier(stat, name) for name in ("organization_id", "cadre_id", "year")]
        rated = {
            (key[0].id, key[1].id, key[2]): value
            for key, value in self.env["party.cadre.evaluation"]._year_ratings(
                [("organization_id", "in", organization_ids), ("period_type", "=", "year"),
                 *domain_years]
            ).items()
        }
        unrated = (None, None, None, None)

        def rows():
            for row in self._stream_rows(query.select(*keys, *figures)):
                rating = rated.get(row[:3])
                yield row[3:] + (
                    (rating["points"], rating["suggested"] or None, rating["proposed"] or None,
                     rating["decided"] or None) if rating else unrated
                )

        return columns, rows()

    def _stream_rows(self, query, batch_size=STREAM_BATCH):
        """The rows of query, fetched batch_size at a time through a cursor
        of the database: never all of them in memory at once."""
        cr = self.env.cr
        name = SQL.identifier(f"party_xlsx_{next(_CURSOR_NAMES)}")
        # planned without JIT: the cost of grouping a province's months makes
        # PostgreSQL compile the query, which costs more (80 to 140 ms for
        # 18,000 rows) than it saves in a query run once; the setting is
        # given back as soon as the query is planned
        cr.execute(SQL("SELECT current_setting('jit'), set_config('jit', 'off', true)"))
        jit = cr.fetchone()[0]
        cr.execute(SQL("DECLARE %s NO SCROLL CURSOR FOR %s", name, query))
        cr.execute(SQL("SELECT set_config('jit', %s, true)", jit))
        fetch = SQL("FETCH FORWARD %s FROM %s", batch_size, name)
        while True:
            cr.execute(fetch)
            rows = cr.fetchall()
            if not rows:
                break
            yield from rows
        cr.execute(SQL("CLOSE %s", name))

    def _xlsx_content(self):
        """The workbook, as bytes."""
        with tempfile.TemporaryFile() as file:
            self._xlsx_write(file)
            file.seek(0)
            return file.read()

    def _xlsx_write(self, file):
        """Write the workbook into file (an open binary file)."""
        # the views read the tables behind the ORM's back
        self.env.flush_all()
        workbook = xlsxwriter.Workbook(file, {"constant_memory": True})
        header = workbook.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#F2F2F2",
             "border": 1}
        )
        self._write_sheet(workbook, self.env._("Cells by Month"), header, *self._cell_month_sheet())
        self._write_sheet(workbook, self.env._("Cadres"), header, *self._cadre_sheet())
        workbook.close()

    @staticmethod
    def _write_sheet(workbook, name, header, columns, rows):
        """One sheet: a frozen header row with filters, then a row per tuple
        of rows, each cell written with the type of its column: text as
        text (a name starting with "=" stays text, never a formula),
        numbers as numbers; an empty value leaves the cell empty. The rows
        come in order, as constant_memory wants them."""
        sheet = workbook.add_worksheet(name[:31])
        sheet.freeze_panes(1, 0)
        for col, (title, width, _kind, _sql) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, title, header)
        writers = [
            sheet.write_string if kind == TEXT else sheet.write_number
            for _title, _width, kind, _sql in columns
        ]
        row_index = 0
        for row_index, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                if value is not None:
                    writers[col](row_index, col, value)
        sheet.autofilter(0, 0, max(row_index, 1), len(columns) - 1)


def _int(column):
    """An integer figure as the ORM reads it: 0 when NULL."""
    return SQL("coalesce(%s, 0)::int", column)


def _float(column, digits):
    """A float figure as the ORM reads it: rounded to its digits, 0 when NULL."""
    return SQL("round(coalesce(%s, 0)::numeric, %s)::float8", column, digits)
