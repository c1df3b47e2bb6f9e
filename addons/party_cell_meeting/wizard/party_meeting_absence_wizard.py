from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.party_activity import schedule_activities


class PartyMeetingAbsenceWizard(models.TransientModel):
    """An assigned cadre declares ahead of time that they cannot attend."""

    _name = "party.meeting.absence.wizard"
    _description = "Declare Absence from a Cell Meeting"

    attendance_id = fields.Many2one(
        "party.meeting.attendance", required=True, readonly=True, ondelete="cascade"
    )
    meeting_id = fields.Many2one(related="attendance_id.meeting_id")
    reason = fields.Char(
        required=True, help="e.g. Công việc đột xuất, Đi công tác tỉnh ngoài."
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        meeting = self.env["party.meeting"].browse(self.env.context.get("active_id"))
        if "attendance_id" in fields_list and meeting:
            values["attendance_id"] = meeting._my_cadre_line().id
        return values

    def action_confirm(self):
        self.ensure_one()
        line = self.attendance_id
        meeting = line.meeting_id
        if line.member_id.user_id != self.env.user or line.attendee_role != "assigned_cadre":
            raise UserError(
                self.env._("Only the assigned cadre can declare their own absence.")
            )
        if meeting.state != "planned" or meeting.date < fields.Date.context_today(self):
            raise UserError(
                self.env._(
                    "Absence is declared ahead of a planned meeting; ask the cell "
                    "secretary to record it afterwards."
                )
            )
        line.write({"status": "absent_excused", "reason": self.reason})
        deputy_lines = meeting.attendance_ids.filtered(
            lambda other: other.attendee_role == "assigned_cadre"
            and other.assignment_id.role == "deputy"
            and other != line
        )
        note = self.env._(
            "%(cadre)s cannot attend (%(reason)s): please stand in.",
            cadre=line.member_id.name,
            reason=self.reason,
        )
        schedule_activities(
            self.env.ref("party_cell_meeting.mail_activity_type_stand_in"),
            [(meeting, deputy.member_id.user_id, meeting.date, note) for deputy in deputy_lines],
        )
        # the cadre may read, not write, the meeting: post as the system, in
        # their name
        meeting.sudo().message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "%(cadre)s declared they cannot attend: %(reason)s.",
                cadre=line.member_id.name,
                reason=self.reason,
            ),
            author_id=self.env.user.partner_id.id,
            partner_ids=deputy_lines.member_id.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return {"type": "ir.actions.act_window_close"}
