from odoo import fields, models


class PartyMeetingReportReopenWizard(models.TransientModel):
    _name = "party.meeting.report.reopen.wizard"
    _description = "Reopen Submitted Reports"

    report_ids = fields.Many2many("party.meeting.report", string="Reports", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.report_ids.action_reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
