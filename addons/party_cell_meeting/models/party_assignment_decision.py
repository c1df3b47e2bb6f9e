from odoo import api, fields, models
from odoo.exceptions import UserError


class PartyAssignmentDecision(models.Model):
    _name = "party.assignment.decision"
    _description = "Assignment Decision"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "party.scope.mixin", "party.integrity.mixin"
    ]
    _order = "date desc, id desc"
    _party_scope_fields = ("organization_id",)
    # a decision that has been in force is changed only by superseding it
    _party_open_fields_by_state = {"in_force": (), "superseded": ()}
    _party_typed_dates = ("date", "date_effective")

    name = fields.Char(
        "Number",
        required=True,
        tracking=True,
        help="The number of the document, e.g. 140-QĐ/TU or 1341-CV/TU.",
    )
    kind = fields.Selection(
        [("decision", "Decision"), ("official_letter", "Official Letter")],
        required=True,
        default="decision",
    )
    subject = fields.Char(help="What the document is about, as in its heading.")
    date = fields.Date("Issued On", required=True, default=fields.Date.context_today)
    organization_id = fields.Many2one(
        "party.organization",
        "Issued By",
        required=True,
        index=True,
        tracking=True,
        domain="[('level', '!=', 'cell')]",
        help="The committee whose Standing Board issued the document; it "
        "assigns cadres to cells below it.",
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True)
    date_effective = fields.Date(
        "Effective From",
        required=True,
        tracking=True,
        default=fields.Date.context_today,
    )
    signatory = fields.Char()
    assignment_ids = fields.One2many(
        "party.assignment", "decision_id", "Assignments", copy=True
    )
    assignment_count = fields.Integer(compute="_compute_assignment_count")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("in_force", "In Force"),
            ("superseded", "Superseded"),
        ],
        required=True,
        default="draft",
        copy=False,
        tracking=True,
        index=True,
    )
    supersedes_id = fields.Many2one(
        "party.assignment.decision",
        copy=False,
        tracking=True,
        domain="[('state', '=', 'in_force'), ('id', '!=', id)]",
        help="The decision in force that this one replaces when put in force.",
    )
    superseded_by_id = fields.Many2one(
        "party.assignment.decision", copy=False, readonly=True
    )
    note = fields.Html()

    _sql_constraints = [
        (
            "number_issuer_uniq",
            "unique(name, organization_id)",
            "This organization has already issued a document with this number.",
        ),
    ]

    @api.depends("name", "date")
    def _compute_display_name(self):
        for decision in self:
            if decision.date:
                decision.display_name = self.env._(
                    "%(number)s of %(date)s",
                    number=decision.name,
                    date=decision.date.strftime("%d/%m/%Y"),
                )
            else:
                decision.display_name = decision.name

    def _compute_assignment_count(self):
        counts = dict(
            self.env["party.assignment"]._read_group(
                [("decision_id", "in", self.ids)], ["decision_id"], ["__count"]
            )
        )
        for decision in self:
            decision.assignment_count = counts.get(decision, 0)

    def _party_locked_message(self):
        return self.env._(
            "A decision in force cannot be changed. Issue a new decision "
            "that supersedes it."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(decision.state != "draft" for decision in self):
            raise UserError(
                self.env._(
                    "Only draft decisions can be deleted; a decision that has been "
                    "in force stays on record."
                )
            )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for decision, vals in zip(self, vals_list, strict=True):
            if "name" not in (default or {}):
                vals["name"] = self.env._("%(number)s (copy)", number=decision.name)
        return vals_list

    def action_put_in_force(self):
        for decision in self:
            if decision.state != "draft":
                raise UserError(
                    self.env._(
                        "Decision %(number)s is not a draft: it cannot be put in "
                        "force again.",
                        number=decision.name,
                    )
                )
            if not decision.assignment_ids:
                raise UserError(
                    self.env._(
                        "Decision %(number)s assigns nobody: add its assignments "
                        "first.",
                        number=decision.name,
                    )
                )
            if decision.supersedes_id and decision.supersedes_id.state != "in_force":
                raise UserError(
                    self.env._(
                        "Decision %(number)s cannot supersede %(old)s: that decision is "
                        "not in force.",
                        number=decision.name,
                        old=decision.supersedes_id.name,
                    )
                )
        for decision in self.filtered("supersedes_id"):
            decision.supersedes_id._supersede_by(decision)
        self._party_write_as_system({"state": "in_force"})
        self.assignment_ids._set_in_force()
        return True

    def action_create_superseding(self):
        """Open a draft copy of this decision that will replace it."""
        self.ensure_one()
        new_decision = self.copy(
            {
                "name": self.env._("%(number)s (new)", number=self.name),
                "supersedes_id": self.id,
                "date": fields.Date.context_today(self),
                "date_effective": fields.Date.context_today(self),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new_decision.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_assignments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_cell_meeting.party_assignment_action"
        )
        action["domain"] = [("decision_id", "=", self.id)]
        action["context"] = {"default_decision_id": self.id}
        return action

    def _supersede_by(self, new_decision):
        """End this decision's assignments the day before new_decision takes effect."""
        self.ensure_one()
        self.assignment_ids._end_on(
            fields.Date.subtract(new_decision.date_effective, days=1)
        )
        self._party_write_as_system({"state": "superseded", "superseded_by_id": new_decision.id})
        self._party_log(
            body=self.env._(
                "Superseded by decision %(number)s, effective from %(date)s.",
                number=new_decision.name,
                date=new_decision.date_effective.strftime("%d/%m/%Y"),
            )
        )
