"""18.0.2.0.0: every organization has a superior committee now, and so has
every record that reads under one. Districts gave none to what was not below
a district (a province's own grassroots committees): those take the nearest
consolidating committee above them, else the province, as the new field
computes it."""

from odoo.tools import SQL

SUPERIOR_LEVELS = ("commune", "block", "district")


def migrate(cr, version):
    # the nearest ancestor (or the organization itself) of a consolidating
    # level, else the root of its tree
    cr.execute(
        """
        UPDATE party_organization organization
           SET superior_id = COALESCE(
                   (SELECT ancestor.id
                      FROM party_organization ancestor
                     WHERE organization.parent_path LIKE ancestor.parent_path || '%%'
                       AND ancestor.level IN %s
                  ORDER BY length(ancestor.parent_path) DESC
                     LIMIT 1),
                   split_part(organization.parent_path, '/', 1)::int)
         WHERE organization.superior_id IS NULL
        """,
        [SUPERIOR_LEVELS],
    )
    cr.execute(
        """
        UPDATE party_meeting meeting
           SET superior_id = cell.superior_id
          FROM party_organization cell
         WHERE cell.id = meeting.cell_id AND meeting.superior_id IS NULL
        """
    )
    for table in ("party_meeting_report", "party_meeting_score"):
        cr.execute(
            SQL(
                """
            UPDATE %s line
               SET superior_id = meeting.superior_id
              FROM party_meeting meeting
             WHERE meeting.id = line.meeting_id AND line.superior_id IS NULL
            """,
                SQL.identifier(table),
            )
        )
    cr.execute(
        """
        UPDATE party_proposal proposal
           SET superior_id = cell.superior_id
          FROM party_organization cell
         WHERE cell.id = proposal.cell_id
           AND proposal.meeting_id IS NULL AND proposal.superior_id IS NULL
        """
    )
    cr.execute(
        """
        UPDATE party_proposal proposal
           SET superior_id = meeting.superior_id
          FROM party_meeting meeting
         WHERE meeting.id = proposal.meeting_id
           AND proposal.superior_id IS DISTINCT FROM meeting.superior_id
        """
    )
    cr.execute(
        """
        UPDATE party_assignment assignment
           SET superior_id = cell.superior_id
          FROM party_organization cell
         WHERE cell.id = assignment.cell_id AND assignment.superior_id IS NULL
        """
    )
