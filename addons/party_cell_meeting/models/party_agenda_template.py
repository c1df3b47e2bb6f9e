from odoo import api, fields, models
from odoo.tools import SQL, is_html_empty

from .party_organization import CELL_TYPES
from .party_template_scope import nearest_for_cell

# The kinds of meeting a template is written for; an extraordinary meeting
# has an agenda of its own and takes only a template made for any kind.
MEETING_KINDS = [("regular", "Regular"), ("thematic", "Thematic")]


class PartyAgendaTemplate(models.Model):
    _name = "party.agenda.template"
    _description = "Meeting Agenda Template"
    _inherit = ["party.scope.mixin", "party.integrity.mixin"]
    # an office may not move a template out of its subtree
    _party_scope_fields = ("organization_id",)
    _order = "meeting_kind, cell_type, name, id"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    cell_type = fields.Selection(
        CELL_TYPES,
        help="The kind of cell whose meetings follow this order of business. "
        "Empty: cells of every kind.",
    )
    meeting_kind = fields.Selection(
        MEETING_KINDS,
        help="Empty: meetings of every kind.",
    )
    organization_id = fields.Many2one(
        "party.organization",
        "Used Below",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('level', '!=', 'cell')]",
        help="The committee whose cells use this template (a province, a ward, a "
        "provincial block). Empty: every cell. The template of the nearest "
        "committee above the cell wins.",
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True)
    agenda = fields.Html(
        help="The order of business written into the agenda of each new meeting."
    )
    minutes_outline = fields.Html(
        help="The skeleton of the minutes written into each new meeting, to be "
        "filled in during the meeting."
    )

    def action_make_version(self):
        """A copy for the current user's organization, opened to adapt: its
        cells then follow the copy, the others keep this template, and the
        meetings already planned keep the agenda they were given."""
        self.ensure_one()
        organization = self.env.user.party_organization_ids[:1] or self.organization_id
        version = self.copy(
            {
                "organization_id": organization.id,
                "name": f"{self.name} – {organization.name or ''}",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": version.id,
            "view_mode": "form",
        }

    @api.model
    def _get_for_cells(self, cell_ids, kind):
        """[the template in force for the meeting of kind of each cell of
        cell_ids, or None]: made for the cell's kind or any kind of cell, for
        kind or any kind of meeting, by the nearest committee above the cell
        (or for every cell); among those of one committee the one made for
        the cell's kind, then for the meeting's kind, then the newest.

        A batch of thousands of cells (the monthly generation) costs the same
        few queries as one cell: the templates are few, and the cells are
        read as rows, not records."""
        # the template in force does not depend on who plans the meeting
        templates = self.sudo().search([("meeting_kind", "in", (kind, False))])
        if not templates or not cell_ids:
            return [None] * len(cell_ids)
        candidates = [
            (
                template.cell_type,
                (
                    template.organization_id.parent_path or "",
                    (bool(template.cell_type), bool(template.meeting_kind), template.id),
                    template.id,
                ),
            )
            for template in templates
        ]
        # cells created in this transaction are read from the database too
        self.env["party.organization"].flush_model(["parent_path", "cell_type"])
        self.env.cr.execute(
            SQL(
                "SELECT id, parent_path, cell_type FROM party_organization WHERE id = ANY(%s)",
                list(cell_ids),
            )
        )
        cells = {
            cell_id: (path or "", cell_type)
            for cell_id, path, cell_type in self.env.cr.fetchall()
        }
        by_type = {
            cell_type: [
                candidate for template_type, candidate in candidates
                if template_type in (cell_type, False)
            ]
            for cell_type in {cell_type for _path, cell_type in cells.values()}
        }
        return [
            nearest_for_cell(cells[cell_id][0], by_type[cells[cell_id][1]])
            for cell_id in cell_ids
        ]

    @api.model
    def _fill_meeting_values(self, vals_list, default_kind):
        """Give the meetings about to be created without an agenda or
        minutes those of the template in force for their cell and kind
        (default_kind when not given); what was given is kept. One lookup
        per kind of meeting, not per meeting."""
        missing_by_kind = {}
        for vals in vals_list:
            if vals.get("cell_id") and (
                is_html_empty(vals.get("agenda")) or is_html_empty(vals.get("minutes"))
            ):
                missing_by_kind.setdefault(vals.get("kind") or default_kind, []).append(vals)
        for kind, kind_vals_list in missing_by_kind.items():
            template_ids = self._get_for_cells([vals["cell_id"] for vals in kind_vals_list], kind)
            templates = {
                template.id: template
                for template in self.sudo().browse({tid for tid in template_ids if tid})
            }
            for vals, template_id in zip(kind_vals_list, template_ids, strict=True):
                template = templates.get(template_id)
                if not template:
                    continue
                if is_html_empty(vals.get("agenda")):
                    vals["agenda"] = template.agenda
                if is_html_empty(vals.get("minutes")):
                    vals["minutes"] = template.minutes_outline
