"""18.0.3.2.0: the meeting's attendance is a roll call for the phone (the
party_roll_call widget), with no list or kanban inside the field. The report's
extension of the meeting form added a kanban after that list: the form is
updated before the extension, and Odoo would refuse the old extension for a
target that is gone. Drop it; the update creates it again from its file."""


def migrate(cr, version):
    cr.execute(
        """
        WITH dropped AS (
            DELETE FROM ir_model_data
             WHERE module = 'party_cell_meeting'
               AND name = 'party_meeting_view_form_inherit_report'
               AND model = 'ir.ui.view'
         RETURNING res_id
        )
        DELETE FROM ir_ui_view WHERE id IN (SELECT res_id FROM dropped)
        """
    )
