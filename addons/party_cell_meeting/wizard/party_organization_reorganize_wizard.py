from odoo import api, fields, models
from odoo.exceptions import UserError


class PartyOrganizationReorganizeWizard(models.TransientModel):
    """Move, merge or dissolve organizations, as the offices of 2025 had to
    when districts ended and communes were merged (Hướng dẫn 31-HD/BTCTW)."""

    _name = "party.organization.reorganize.wizard"
    _description = "Reorganize Party Organizations"

    operation = fields.Selection(
        [
            ("move", "Move under another organization"),
            ("merge", "Merge into another organization"),
            ("dissolve", "Dissolve"),
        ],
        required=True,
        default="merge",
    )
    organization_ids = fields.Many2many(
        "party.organization",
        string="Organizations",
        required=True,
        default=lambda self: self._default_organizations(),
    )
    target_id = fields.Many2one(
        "party.organization",
        "Into / Under",
        help="Merge: the organization that takes in the others. Move: their new parent.",
    )
    summary = fields.Html(compute="_compute_summary")

    @api.model
    def _default_organizations(self):
        if self.env.context.get("active_model") == "party.organization":
            return self.env["party.organization"].browse(self.env.context.get("active_ids", []))
        return self.env["party.organization"]

    @api.depends("operation", "organization_ids", "target_id")
    def _compute_summary(self):
        Member = self.env["party.member"]
        for wizard in self:
            organizations = wizard.organization_ids
            if not organizations:
                wizard.summary = False
                continue
            below = self.env["party.organization"].search(
                [("id", "child_of", organizations.ids), ("id", "not in", organizations.ids)]
            )
            cell_count = len(below.filtered(lambda organization: organization.level == "cell"))
            member_count = Member.search_count([("organization_id", "child_of", organizations.ids)])
            wizard.summary = self.env._(
                "%(organizations)s hold %(suborganizations)s sub-organizations, of "
                "which %(cells)s cells, and %(members)s members. Past meetings, "
                "reports and scores stay with their cells.",
                organizations=", ".join(organizations.mapped("name")),
                suborganizations=len(below),
                cells=cell_count,
                members=member_count,
            )

    def action_apply(self):
        self.ensure_one()
        if self.operation != "dissolve" and not self.target_id:
            raise UserError(
                self.env._("Choose the organization to merge into, or to move under.")
            )
        organizations = self.organization_ids
        if self.operation == "move":
            organizations._move_under(self.target_id)
        elif self.operation == "merge":
            organizations._merge_into(self.target_id)
        else:
            organizations._dissolve()
        target = self.target_id if self.operation != "dissolve" else organizations[:1].parent_id
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.organization",
            "res_id": target.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
