from odoo import api, fields, models


class PartyAuthority(models.Model):
    _name = "party.authority"
    _description = "Competent Authority"
    _inherit = ["mail.thread", "party.scope.mixin", "party.integrity.mixin"]
    _order = "name"
    _party_scope_fields = ("organization_id",)

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        [
            ("committee", "Party Committee"),
            ("department", "Department or Agency"),
            ("mass_organization", "Mass Organization"),
            ("government", "People's Committee"),
        ],
        required=True,
        default="department",
        tracking=True,
    )
    organization_id = fields.Many2one(
        "party.organization",
        "Party Organization",
        required=True,
        index=True,
        tracking=True,
        help="The party organization at whose level this authority acts; "
        "its office follows the authority's work.",
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True)
    user_ids = fields.Many2many(
        "res.users",
        string="Responsible Users",
        help="The users who answer for this authority.",
    )
    position_ids = fields.One2many("party.position", "authority_id", "Positions")
    proposal_days = fields.Integer(
        "Days to Answer",
        help="Time this authority has to answer a proposal; 0 means the "
        "company's default.",
    )
    proposal_ids = fields.One2many("party.proposal", "authority_id", "Proposals")
    proposal_open_count = fields.Integer(
        "Open Proposals", compute="_compute_proposal_counts"
    )
    proposal_overdue_count = fields.Integer(
        "Overdue Proposals", compute="_compute_proposal_counts"
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "proposal_days_positive",
            "CHECK(proposal_days >= 0)",
            "An authority's time to answer proposals cannot be negative.",
        ),
    ]

    @api.depends("proposal_ids.state", "proposal_ids.is_overdue")
    def _compute_proposal_counts(self):
        groups = self.env["party.proposal"]._read_group(
            [
                ("authority_id", "in", self.ids),
                ("state", "in", ("new", "assigned", "in_progress")),
            ],
            ["authority_id", "is_overdue"],
            ["__count"],
        )
        open_counts, overdue_counts = {}, {}
        for authority, overdue, count in groups:
            open_counts[authority.id] = open_counts.get(authority.id, 0) + count
            if overdue:
                overdue_counts[authority.id] = count
        for authority in self:
            authority.proposal_open_count = open_counts.get(authority.id, 0)
            authority.proposal_overdue_count = overdue_counts.get(authority.id, 0)

    def action_open_proposals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_cell_meeting.party_proposal_action"
        )
        action["domain"] = [("authority_id", "=", self.id)]
        action["context"] = {"default_authority_id": self.id, "search_default_open": 1}
        return action
