from odoo import models


class PartyScopeMixin(models.AbstractModel):
    """Keeps records inside the scope their record rules give a user.

    Odoo checks write rules on records as they are before the write; a user
    could otherwise move a record out of their organization subtree (an
    office moving a cell under another ward). After a write touching the
    fields the rules depend on, the rules are checked again on the result.
    """

    _name = "party.scope.mixin"
    _description = "Party Record Scope"
    # the fields the write rules of the model depend on
    _party_scope_fields = ()

    def write(self, vals):
        result = super().write(vals)
        if not self.env.su and set(self._party_scope_fields) & set(vals):
            self.check_access("write")
        return result
