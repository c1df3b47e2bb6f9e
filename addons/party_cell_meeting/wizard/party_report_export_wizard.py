import base64
import io
from urllib.parse import urlencode

import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.date_utils import end_of, start_of

from ..models.party_cadre_evaluation import QUARTERS
from ..models.party_integrity_mixin import check_typed_date

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
        """Fill file_data with the workbook and offer its download."""
        self._check()
        self.write(
            {
                "file_data": base64.b64encode(self._xlsx_content()),
                "file_name": self.env._(
                    "cell-meetings-%(code)s-%(start)s-%(end)s.xlsx",
                    code=self.organization_id.code,
                    start=self.date_from.strftime("%Y%m"),
                    end=self.date_to.strftime("%Y%m"),
                ),
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

    # ------------------------------------------------------------------
    # The workbook
    # ------------------------------------------------------------------

    def _cell_month_columns(self):
        """(header, width, value of a party.cell.month.stat row) of the first sheet."""
        _ = self.env._
        yes, no = _("Yes"), _("No")
        classes = dict(
            self.env["party.cell.month.stat"]._fields["classification"]._description_selection(
                self.env
            )
        )
        return [
            (_("Month"), 9, lambda row: row.month_label),
            (_("Superior Committee"), 24, lambda row: row.superior_id.name or ""),
            (_("Cell Code"), 14, lambda row: row.cell_id.code),
            (_("Cell"), 30, lambda row: row.cell_id.name),
            (_("Regular Meeting Held"), 10, lambda row: yes if row.regular_held else no),
            (_("Meetings Held"), 10, lambda row: row.held_count),
            (_("Meetings Cancelled"), 10, lambda row: row.cancelled_count),
            (_("Meetings Too Short"), 10, lambda row: row.too_short_count),
            (_("Members Due"), 10, lambda row: row.member_count),
            (_("Members Present"), 10, lambda row: row.present_count),
            (_("Attendance Rate (%)"), 10, lambda row: row.attendance_rate),
            (_("Held with an Assigned Cadre"), 10, lambda row: row.cadre_attended_count),
            (_("Reports Due"), 10, lambda row: row.report_due_count),
            (_("Reports On Time"), 10, lambda row: row.report_on_time_count),
            (_("Reports Late"), 10, lambda row: row.report_late_count),
            (_("Reports Missing"), 10, lambda row: row.report_missing_count),
            (_("Score (Points)"), 8, lambda row: row.score if row.classification else None),
            (_("Class"), 12, lambda row: classes.get(row.classification, "")),
            (_("Proposals Raised"), 10, lambda row: row.proposal_count),
            (_("Proposals Open"), 10, lambda row: row.proposal_open_count),
            (_("Proposals Resolved"), 10, lambda row: row.proposal_resolved_count),
            (_("Proposals Rejected"), 10, lambda row: row.proposal_rejected_count),
        ]

    def _cadre_columns(self):
        _ = self.env._
        rated = self.env["party.cadre.evaluation"]._year_ratings(
            [
                ("organization_id", "in", self.organization_id._party_subtree_ids()),
                ("year", ">=", str(self.date_from.year)),
                ("year", "<=", str(self.date_to.year)),
                ("period_type", "=", "year"),
            ]
        )

        def rating(row, key):
            return rated.get((row.organization_id, row.cadre_id, row.year), {}).get(key)

        return [
            (_("Year"), 7, lambda row: row.year),
            (_("Assigning Committee"), 28, lambda row: row.organization_id.name),
            (_("Cadre"), 28, lambda row: row.cadre_id.name),
            (_("Meetings Assigned"), 10, lambda row: row.assigned_count),
            (_("Attended"), 10, lambda row: row.attended_count),
            (_("Absent (Excused)"), 10, lambda row: row.excused_count),
            (_("Absent (Unexcused)"), 10, lambda row: row.unexcused_count),
            (_("Attendance Rate (%)"), 10, lambda row: row.attendance_rate),
            (_("Reports Due"), 10, lambda row: row.report_due_count),
            (_("Reports On Time"), 10, lambda row: row.report_on_time_count),
            (_("Reports Late"), 10, lambda row: row.report_late_count),
            (_("Reports Missing"), 10, lambda row: row.report_missing_count),
            (_("Reports On Time (%)"), 10, lambda row: row.report_rate),
            (_("Points"), 8, lambda row: rating(row, "points")),
            (_("Suggested Rating"), 16, lambda row: rating(row, "suggested")),
            (_("Proposed Rating"), 16, lambda row: rating(row, "proposed")),
            (_("Decided Rating"), 16, lambda row: rating(row, "decided")),
        ]

    def _cell_month_rows(self):
        date_from, date_to = self._months()
        return self.env["party.cell.month.stat"].search_fetch(
            [
                ("cell_id", "in", self.organization_id._party_subtree_ids(cells_only=True)),
                ("period", ">=", date_from.strftime("%Y-%m")),
                ("period", "<=", date_to.strftime("%Y-%m")),
            ],
            [
                "cell_id", "superior_id", "period", "month_label", "regular_held", "held_count",
                "cancelled_count", "too_short_count", "member_count", "present_count",
                "attendance_rate",
                "cadre_attended_count", "report_due_count", "report_on_time_count",
                "report_late_count", "report_missing_count", "score", "classification",
                "proposal_count", "proposal_open_count", "proposal_resolved_count",
                "proposal_rejected_count",
            ],
            order="period, superior_id, cell_id",
        )

    def _cadre_rows(self):
        return self.env["party.cadre.stat"].search(
            [
                ("organization_id", "in", self.organization_id._party_subtree_ids()),
                ("year", ">=", str(self.date_from.year)),
                ("year", "<=", str(self.date_to.year)),
            ],
            order="year, organization_id, cadre_id",
        )

    def _xlsx_content(self):
        # the views read the tables behind the ORM's back
        self.env.flush_all()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        header = workbook.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#F2F2F2",
             "border": 1}
        )
        self._write_sheet(
            workbook, self.env._("Cells by Month"), header,
            self._cell_month_columns(), self._cell_month_rows(),
        )
        self._write_sheet(
            workbook, self.env._("Cadres"), header, self._cadre_columns(), self._cadre_rows()
        )
        workbook.close()
        return output.getvalue()

    @staticmethod
    def _write_sheet(workbook, name, header, columns, rows):
        """One sheet: a frozen header row with filters, then a row per record,
        each cell written with its type: text as text (a name starting with
        "=" stays text, never a formula), numbers as numbers."""
        sheet = workbook.add_worksheet(name[:31])
        for col, (title, width, _value) in enumerate(columns):
            sheet.write_string(0, col, title, header)
            sheet.set_column(col, col, width)
        getters = [value for _title, _width, value in columns]
        row_index = 0
        for row_index, record in enumerate(rows, start=1):
            for col, getter in enumerate(getters):
                value = getter(record)
                if value is None or value is False:
                    sheet.write_blank(row_index, col, None)
                elif isinstance(value, str):
                    sheet.write_string(row_index, col, value)
                else:
                    sheet.write_number(row_index, col, value)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(row_index, 1), len(columns) - 1)
