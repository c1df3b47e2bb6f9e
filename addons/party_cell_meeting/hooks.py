from odoo.tools import SQL


def uninstall_hook(env):
    """Empty the addon's tables before Odoo removes its records one by one.

    Odoo deletes the records that have an xml id (the demo data, the
    rubrics), but the records made by people and crons have none: a demo
    meeting would be refused while a cadre's report still points to it
    (``ondelete="restrict"``), and every refusal is an ERROR in the log.
    Uninstalling drops these tables anyway."""
    tables = sorted(
        model._table
        for model in env.registry.values()
        if model._original_module == "party_cell_meeting"
        and model._auto
        and not model._abstract
    )
    env.cr.execute(
        SQL("TRUNCATE %s CASCADE", SQL(", ").join(SQL.identifier(table) for table in tables))
    )
    env.invalidate_all()
