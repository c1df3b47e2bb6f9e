from odoo import api, models

from ..models.party_assignment import EFFECTIVE_STATES


class PartyStatScopeMixin(models.AbstractModel):
    """Lets PostgreSQL restrict the statistics views before grouping them.

    The record rules of the views say who reads which rows, through child_of
    and relational paths: subqueries that PostgreSQL applies only after the
    view has grouped every row of the database. The same scope written as a
    plain list of ids is pushed down into the view and uses the tables'
    indexes. Each search adds that list beside the rules: the rules still
    decide what is read; the list only tells the database where to look."""

    _name = "party.stat.scope.mixin"
    _description = "Statistics Scoped Before Grouping"
    # the field holding the cell, or the assigning committee, of a row
    _party_scope_field = "cell_id"

    @api.model
    def _party_scope_ids(self):
        """The ids the current user's rules can reach on _party_scope_field,
        or None when they reach everything."""
        user = self.env.user
        if self.env.su or user.has_group("party_cell_meeting.group_party_manager"):
            return None
        Organization = self.env["party.organization"].sudo().with_context(active_test=False)
        ids = set()
        if user.has_group("party_cell_meeting.group_party_office") and user.party_organization_ids:
            ids.update(user.party_organization_ids.sudo()._party_subtree_ids())
        if self._party_scope_field == "cell_id":
            if user.has_group("party_cell_meeting.group_party_cell_secretary"):
                ids.update(Organization.search([("secretary_id.user_id", "=", user.id)]).ids)
            if user.has_group("party_cell_meeting.group_party_cadre"):
                ids.update(
                    Organization.search(
                        [("assignment_ids", "any", [("cadre_id.user_id", "=", user.id),
                                                    ("state", "in", EFFECTIVE_STATES)])]
                    ).ids
                )
        return sorted(ids)

    @api.model
    def _search(self, domain, *args, **kwargs):
        scope = self._party_scope_ids()
        if scope is not None and self._party_scope_field == "organization_id":
            # a cadre reads their own rows, whoever assigned them
            scope_domain = [
                "|",
                (self._party_scope_field, "in", scope),
                ("cadre_id", "in", self.env.user.sudo().party_member_ids.ids),
            ]
            domain = scope_domain + list(domain)
        elif scope is not None:
            domain = [(self._party_scope_field, "in", scope)] + list(domain)
        return super()._search(domain, *args, **kwargs)
