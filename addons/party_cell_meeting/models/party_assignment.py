from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

# States in which an assignment has taken effect (and may still be in force,
# depending on its dates).
EFFECTIVE_STATES = ("in_force", "ended")


class PartyAssignment(models.Model):
    _name = "party.assignment"
    _description = "Attendance Assignment"
    _order = "date_start desc, cell_id, role, id"
    _inherit = ["party.scope.mixin", "party.integrity.mixin"]
    _party_scope_fields = ("decision_id",)
    _party_owner_fields = ("decision_id",)
    _party_typed_dates = ("date_start", "date_end")
    _rec_names_search = ["cadre_id.name", "cell_id.name", "decision_id.name"]

    decision_id = fields.Many2one(
        "party.assignment.decision",
        string="Assignment Document",
        required=True,
        index=True,
        ondelete="cascade",
    )
    decision_state = fields.Selection(related="decision_id.state", string="Decision Status")
    # indexed: the cadres' statistics of a committee read its assignments
    issuer_id = fields.Many2one(
        related="decision_id.organization_id", store=True, index=True, string="Issued By"
    )
    company_id = fields.Many2one(related="decision_id.company_id", store=True)
    cadre_id = fields.Many2one(
        "party.member",
        required=True,
        index=True,
        ondelete="restrict",
        help="The committee member or department head who attends.",
    )
    cell_id = fields.Many2one(
        "party.organization",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('level', '=', 'cell')]",
    )
    superior_id = fields.Many2one(related="cell_id.superior_id", store=True)
    role = fields.Selection(
        [("principal", "Principal"), ("deputy", "Deputy")],
        required=True,
        default="principal",
        help="A deputy stands in for the principal cadre when the principal "
        "cannot attend.",
    )
    date_start = fields.Date(
        "Start Date",
        compute="_compute_date_start",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        copy=False,
        help="Defaults to the date the decision takes effect; not before it.",
    )
    date_end = fields.Date("End Date")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("in_force", "In Force"),
            ("ended", "Ended"),
            ("cancelled", "Never in Force"),
        ],
        required=True,
        default="draft",
        copy=False,
        index=True,
    )
    note = fields.Char()

    @api.model
    def get_import_templates(self):
        """The spreadsheet an office fills to load its assignments: Vietnamese
        headers, organizations matched by their code, members by their party
        card number."""
        return [
            {
                "label": self.env._("Import Template for Assignments"),
                "template": "/party_cell_meeting/static/xls/party_assignment_import.xlsx",
            }
        ]

    @api.depends("decision_id.date_effective")
    def _compute_date_start(self):
        for assignment in self:
            assignment.date_start = assignment.decision_id.date_effective

    @api.depends("cadre_id", "cell_id")
    def _compute_display_name(self):
        for assignment in self:
            assignment.display_name = (
                f"{assignment.cadre_id.name} → {assignment.cell_id.name}"
            )

    @api.constrains("cell_id", "decision_id")
    def _check_cell(self):
        for assignment in self:
            cell = assignment.cell_id
            if cell.level != "cell":
                raise ValidationError(
                    self.env._(
                        "%(organization)s is not a cell: cadres are assigned to "
                        "attend the meetings of cells only.",
                        organization=cell.name,
                    )
                )
            issuer = assignment.decision_id.organization_id
            if not cell.parent_path.startswith(issuer.parent_path):
                raise ValidationError(
                    self.env._(
                        "%(cell)s is not under %(issuer)s: each committee assigns "
                        "cadres to the cells of its own organization.",
                        cell=cell.name,
                        issuer=issuer.name,
                    )
                )

    @api.constrains("date_start", "date_end", "decision_id")
    def _check_dates(self):
        for assignment in self:
            if assignment.date_start < assignment.decision_id.date_effective:
                raise ValidationError(
                    self.env._(
                        "The assignment of %(cadre)s to %(cell)s cannot start "
                        "before its decision takes effect (%(date)s).",
                        cadre=assignment.cadre_id.name,
                        cell=assignment.cell_id.name,
                        date=assignment.decision_id.date_effective.strftime("%d/%m/%Y"),
                    )
                )
            if assignment.date_end and assignment.date_end < assignment.date_start:
                raise ValidationError(
                    self.env._(
                        "The assignment of %(cadre)s to %(cell)s ends before it "
                        "starts.",
                        cadre=assignment.cadre_id.name,
                        cell=assignment.cell_id.name,
                    )
                )

    @api.constrains("cadre_id", "cell_id", "role", "date_start", "date_end", "state")
    def _check_no_overlapping_principal(self):
        """A cadre is principal of a cell once at a time: among assignments in
        effect, and among the lines of one decision."""
        principals = self.filtered(
            lambda assignment: assignment.role == "principal"
            and assignment.state != "cancelled"
        )
        if not principals:
            return
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
            SELECT a.id, b.id
              FROM party_assignment a
              JOIN party_assignment b
                ON b.cadre_id = a.cadre_id
               AND b.cell_id = a.cell_id
               AND b.id != a.id
               AND b.role = 'principal'
               AND b.state != 'cancelled'
               AND daterange(a.date_start, a.date_end, '[]')
                   && daterange(b.date_start, b.date_end, '[]')
             WHERE a.id IN %(ids)s
               AND ((a.state IN %(effective)s AND b.state IN %(effective)s)
                    OR a.decision_id = b.decision_id)
             LIMIT 1
            """,
                ids=tuple(principals.ids),
                effective=EFFECTIVE_STATES,
            )
        )
        overlap = self.env.cr.fetchone()
        if overlap:
            assignment, other = self.browse(overlap)
            raise ValidationError(
                self.env._(
                    "%(cadre)s is already the principal cadre assigned to "
                    "%(cell)s from %(start)s under decision %(decision)s: two "
                    "principal assignments of one cadre to one cell cannot overlap.",
                    cadre=assignment.cadre_id.name,
                    cell=assignment.cell_id.name,
                    start=other.date_start.strftime("%d/%m/%Y"),
                    decision=other.decision_id.name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        decision_ids = {vals.get("decision_id") for vals in vals_list}
        decisions = self.env["party.assignment.decision"].browse(decision_ids - {None})
        if any(decision.state != "draft" for decision in decisions):
            raise UserError(
                self.env._(
                    "Assignments can only be added to a draft decision. Issue a "
                    "new decision that supersedes the one in force."
                )
            )
        return super().create(vals_list)

    def _party_open_fields(self):
        # the lines of a decision in force change only with its life cycle
        return None if self.decision_id.state == "draft" else ()

    def _party_locked_message(self):
        return self.env._(
            "The assignments of a decision in force cannot be changed. "
            "Issue a new decision that supersedes it."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(assignment.decision_id.state != "draft" for assignment in self):
            raise UserError(
                self.env._(
                    "The assignments of a decision in force cannot be deleted. "
                    "Issue a new decision that supersedes it."
                )
            )

    def _set_in_force(self):
        self._party_write_as_system({"state": "in_force"})

    def _end_on(self, date_end):
        """End these assignments on date_end; those not started by then never
        took effect. Their decision has just been superseded by a user who
        may write it."""
        lifecycle = self._party_system()
        running = lifecycle.filtered(
            lambda assignment: assignment.state == "in_force"
            and (not assignment.date_end or assignment.date_end > date_end)
        )
        never_started = running.filtered(lambda a: a.date_start > date_end)
        never_started.write({"state": "cancelled"})
        (running - never_started).write({"state": "ended", "date_end": date_end})
        lifecycle.filtered(lambda a: a.state == "in_force").write({"state": "ended"})

    @api.model
    def _in_force_domain(self, date_from, date_to=None):
        """Domain of the assignments in force on date_from, or at some time
        between date_from and date_to."""
        return [
            ("state", "in", EFFECTIVE_STATES),
            ("date_start", "<=", date_to or date_from),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", date_from),
        ]

    def _is_in_force_on(self, date):
        self.ensure_one()
        return (
            self.state in EFFECTIVE_STATES
            and self.date_start <= date
            and (not self.date_end or self.date_end >= date)
        )
