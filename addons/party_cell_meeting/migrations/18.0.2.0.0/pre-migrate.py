"""18.0.2.0.0: the district committee gives way to the superior committee
(the structure of 1 July 2025). The stored district_id columns become
superior_id, with their field records, so no value, index or translation is
lost; the post-migration fills in what districts did not cover."""

from odoo.tools import SQL
from odoo.tools.sql import column_exists, rename_column

# the tables that stored district_id; the SQL views are rebuilt by the upgrade
TABLES = {
    "party_organization": "party.organization",
    "party_meeting": "party.meeting",
    "party_meeting_report": "party.meeting.report",
    "party_meeting_score": "party.meeting.score",
    "party_assignment": "party.assignment",
    "party_proposal": "party.proposal",
}
VIEW_MODELS = ("party.cell.month.stat", "party.cell.year.score", "party.member.year.attendance")


def migrate(cr, version):
    for table in TABLES:
        if column_exists(cr, table, "district_id") and not column_exists(cr, table, "superior_id"):
            rename_column(cr, table, "district_id", "superior_id")
            cr.execute(
                SQL(
                    "ALTER INDEX IF EXISTS %s RENAME TO %s",
                    SQL.identifier(f"{table}__district_id_index"),
                    SQL.identifier(f"{table}__superior_id_index"),
                )
            )
    models = (*TABLES.values(), *VIEW_MODELS)
    cr.execute(
        """
        UPDATE ir_model_fields
           SET name = 'superior_id'
         WHERE name = 'district_id' AND model IN %s
        """,
        [models],
    )
    cr.execute(
        """
        UPDATE ir_model_data
           SET name = replace(name, '__district_id', '__superior_id')
         WHERE module = 'party_cell_meeting'
           AND model = 'ir.model.fields'
           AND name LIKE '%%\\_\\_district\\_id'
        """
    )
