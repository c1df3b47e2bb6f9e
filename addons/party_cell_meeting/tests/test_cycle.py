from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import PartyCellMeetingCase, load_vietnamese


@tagged("post_install", "-at_install")
class TestMonthlyCycle(PartyCellMeetingCase):
    """Reminders, absence declared ahead, coverage and thematic meetings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.party_no_meeting_day_ids.unlink()
        cls.env.company.party_reminder_days = 2
        cls.Meeting = cls.env["party.meeting"]
        cls.Activity = cls.env["mail.activity"]
        cls.type_attend = cls.env.ref("party_cell_meeting.mail_activity_type_attend_meeting")
        cls.type_prepare = cls.env.ref("party_cell_meeting.mail_activity_type_prepare_meeting")
        cls.type_stand_in = cls.env.ref("party_cell_meeting.mail_activity_type_stand_in")
        cls.type_thematic = cls.env.ref("party_cell_meeting.mail_activity_type_thematic_meeting")
        cls.april = cls.Meeting._generate_regular_meetings("2026-04")
        cls.april_a = cls.april.filtered(lambda m: m.cell_id == cls.cell_a)

    def activities(self, activity_type, records):
        return self.Activity.search(
            [("activity_type_id", "=", activity_type.id), ("res_model", "=", records._name),
             ("res_id", "in", records.ids)]
        )

    def reminder_mails(self, partner):
        return self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])

    # reminders -----------------------------------------------------------

    def test_reminders_go_out_the_set_days_before(self):
        with freeze_time("2026-03-31"):
            self.Meeting._cron_send_reminders()
        self.assertFalse(self.activities(self.type_attend, self.april_a))
        with freeze_time("2026-04-01"):
            self.Meeting._cron_send_reminders()
        attend = self.activities(self.type_attend, self.april_a)
        self.assertEqual(attend.user_id, self.user_cadre | self.user_deputy)
        self.assertEqual(set(attend.mapped("date_deadline")), {date(2026, 4, 3)})
        prepare = self.activities(self.type_prepare, self.april_a)
        self.assertEqual(prepare.user_id, self.user_secretary)
        self.assertIn("Sổ tay đảng viên điện tử", str(prepare.note))
        self.assertEqual(len(self.reminder_mails(self.cadre.partner_id)), 1)
        self.assertEqual(len(self.reminder_mails(self.secretary.partner_id)), 1)
        # cells without cadres or secretary remind nobody
        self.assertFalse(self.activities(self.type_attend, self.april - self.april_a))

    def test_reminders_are_sent_once(self):
        for day in ("2026-04-01", "2026-04-01", "2026-04-02", "2026-04-03"):
            with freeze_time(day):
                self.Meeting._cron_send_reminders()
        self.assertEqual(len(self.activities(self.type_attend, self.april_a)), 2)
        self.assertEqual(len(self.activities(self.type_prepare, self.april_a)), 1)
        self.assertEqual(len(self.reminder_mails(self.cadre.partner_id)), 1)
        self.assertEqual(len(self.reminder_mails(self.secretary.partner_id)), 1)

    def test_reminders_go_a_batch_a_call_until_none_remain(self):
        """The cron reminds a batch of cadres and of secretaries a call and
        says what remains: Odoo's cron runner commits each call and calls
        again; nobody is reminded twice."""
        with freeze_time("2026-04-01"):
            # two cadre lines of cell A and its secretary: one line, one
            # meeting a call
            self.assertEqual(
                self.run_cron_call("_cron_send_reminders", batch_size=1), (2, 1)
            )
            self.assertEqual(len(self.activities(self.type_attend, self.april_a)), 1)
            self.assertEqual(len(self.activities(self.type_prepare, self.april_a)), 1)
            self.assertEqual(
                self.run_cron_call("_cron_send_reminders", batch_size=1), (1, 0)
            )
            self.assertEqual(self.run_cron_call("_cron_send_reminders", batch_size=1), (0, 0))
        self.assertEqual(
            self.activities(self.type_attend, self.april_a).user_id,
            self.user_cadre | self.user_deputy,
        )
        self.assertEqual(len(self.activities(self.type_prepare, self.april_a)), 1)
        self.assertEqual(len(self.reminder_mails(self.cadre.partner_id)), 1)

    def test_no_reminder_for_cancelled_or_declined(self):
        self.april_a.attendance_ids.filtered(lambda line: line.member_id == self.deputy).write(
            {"status": "absent_excused", "reason": "Đi công tác"}
        )
        with freeze_time("2026-04-01"):
            self.Meeting._cron_send_reminders()
        self.assertEqual(self.activities(self.type_attend, self.april_a).user_id, self.user_cadre)
        cell_c = self.april.filtered(lambda m: m.cell_id == self.cell_c)
        cell_c.action_cancel()
        self.env["party.position"].create(
            {"member_id": self.member_c1.id, "organization_id": self.cell_c.id, "role": "secretary"}
        )
        with freeze_time("2026-04-02"):
            self.Meeting._cron_send_reminders()
        self.assertFalse(self.reminder_mails(self.member_c1.partner_id))

    def test_reminder_email_is_in_vietnamese(self):
        load_vietnamese(self.env)
        self.cadre.partner_id.write({"email": "can.bo@example.com", "lang": "vi_VN"})
        with freeze_time("2026-04-01"):
            self.Meeting._cron_send_reminders()
        mail = self.reminder_mails(self.cadre.partner_id)
        self.assertIn("Chi bộ thôn A", mail.subject)
        self.assertIn("03/04/2026", mail.subject)
        self.assertIn("Kính gửi đồng chí", mail.body_html)
        self.assertIn("Trần Văn Cán", mail.body_html)

    # absence declared ahead ----------------------------------------------------

    @freeze_time("2026-04-01")
    def test_cadre_declares_absence_and_the_deputy_is_told(self):
        meeting = self.april_a.with_user(self.user_cadre)
        self.assertTrue(meeting.can_declare_absence)
        self.assertEqual(meeting.my_attendance_status, "pending")
        action = meeting.action_declare_absence()
        wizard_form = Form(
            self.env[action["res_model"]].with_user(self.user_cadre).with_context(**action["context"])
        )
        wizard_form.reason = "Đi công tác tỉnh ngoài"
        wizard_form.save().action_confirm()

        line = self.april_a.attendance_ids.filtered(lambda line: line.member_id == self.cadre)
        self.assertEqual((line.status, line.reason), ("absent_excused", "Đi công tác tỉnh ngoài"))
        stand_in = self.activities(self.type_stand_in, self.april_a)
        self.assertEqual(stand_in.user_id, self.user_deputy)
        self.assertIn("Đi công tác tỉnh ngoài", str(stand_in.note))
        message = self.april_a.message_ids[0]
        self.assertEqual(message.author_id, self.user_cadre.partner_id)
        self.assertIn(self.deputy.partner_id, message.partner_ids)
        self.assertFalse(meeting.can_declare_absence)
        self.assertFalse(self.april_a.cadre_attended)

    @freeze_time("2026-04-01")
    def test_absence_is_declared_ahead_by_the_cadre_only(self):
        self.assertFalse(self.april_a.with_user(self.user_secretary).can_declare_absence)
        Wizard = self.env["party.meeting.absence.wizard"]
        line = self.april_a.attendance_ids.filtered(lambda line: line.member_id == self.cadre)
        with self.assertRefused(UserError, "Only the assigned cadre"):
            Wizard.with_user(self.user_deputy).create(
                {"attendance_id": line.id, "reason": "x"}
            ).action_confirm()
        with freeze_time("2026-04-04"), self.assertRefused(UserError, "ahead of a planned"):
            Wizard.with_user(self.user_cadre).create(
                {"attendance_id": line.id, "reason": "Ốm"}
            ).action_confirm()

    # coverage -----------------------------------------------------------------

    @freeze_time("2026-04-15")
    def test_cells_without_principal_cadre(self):
        action = self.env.ref("party_cell_meeting.party_organization_action_uncovered")
        uncovered = self.env["party.organization"].search(safe_eval(action.domain))
        self.assertEqual(uncovered, self.cell_b | self.cell_c | self.cell_agency)
        self.assertTrue(self.cell_a.has_principal_cadre)
        self.new_decision(
            [(self.member_b1, self.cell_b, "principal", {"date_end": "2026-04-14"}),
             (self.member_c1, self.cell_c, "deputy")],
            date_effective="2026-04-01",
        ).action_put_in_force()
        self.assertEqual(
            self.env["party.organization"].search(safe_eval(action.domain)),
            self.cell_b | self.cell_c | self.cell_agency,
            "an ended principal or a deputy does not cover a cell",
        )

    def test_meetings_of_last_month_without_cadre(self):
        for meeting in self.april:
            meeting.action_load_attendance()
            meeting.attendance_ids.action_mark_present()
        # the assigned cadres of cell_a were both absent
        self.april_a.attendance_ids.filtered(
            lambda line: line.attendee_role == "assigned_cadre"
        ).write({"status": "absent_excused", "reason": "Họp đột xuất"})
        with freeze_time("2026-04-05"):
            self.april.action_mark_held()
        action = self.env.ref("party_cell_meeting.party_meeting_action_uncovered")
        domain = safe_eval(action.domain) + [("is_last_month", "=", True)]
        with freeze_time("2026-05-10"):
            self.assertEqual(
                self.Meeting.search(domain), self.april,
                "cells b, c and agency have no cadre; cell a's cadres were absent",
            )
            self.april_a.attendance_ids.filtered(
                lambda line: line.member_id == self.deputy
            ).action_mark_present()
            self.assertEqual(self.Meeting.search(domain), self.april - self.april_a)
        with freeze_time("2026-06-10"):
            self.assertFalse(self.Meeting.search(domain))

    # my meetings ---------------------------------------------------------------

    @freeze_time("2026-03-20")
    def test_my_meetings_upcoming_first(self):
        may = self.Meeting._generate_regular_meetings("2026-05")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_cell_meeting.party_meeting_action_mine"
        )
        view = self.env["party.meeting"].get_views([(action["views"][0][0], "kanban")])
        self.assertIn('default_order="date, time_start"', view["views"]["kanban"]["arch"])
        search_view = self.env.ref("party_cell_meeting.party_meeting_view_search")
        self.assertIn('name="upcoming"', search_view.arch)
        upcoming = [("state", "=", "planned"), ("date", ">=", "2026-03-20")]
        mine = ["|", ("attendance_ids.member_id.user_id", "=", self.user_cadre.id),
                ("cell_id.assignment_ids", "any",
                 [("cadre_id.user_id", "=", self.user_cadre.id), ("state", "=", "in_force")])]
        found = self.Meeting.with_user(self.user_cadre).search(
            mine + upcoming, order="date, time_start"
        )
        self.assertEqual(found, self.april_a | may.filtered(lambda m: m.cell_id == self.cell_a))
        self.assertEqual(found[0], self.april_a)
        self.assertNotIn(self.meeting_a, found, "past meetings are not upcoming")

    # thematic meetings ---------------------------------------------------------

    def test_cells_without_thematic_meeting_in_the_quarter(self):
        self.env["party.position"].create(
            {"member_id": self.member_c1.id, "organization_id": self.cell_c.id, "role": "secretary"}
        )
        self.member_c1.user_id = self.user_member.copy({"login": "secretary_c"})
        thematic = self.create_meeting(
            self.cell_c, "2026-02-20", kind="thematic", topic="Nghị quyết Trung ương 4"
        )
        thematic.action_mark_held()
        cron = self.env.ref("party_cell_meeting.party_organization_cron_thematic")
        with freeze_time("2026-04-01"):
            cron.method_direct_trigger()
            cron.method_direct_trigger()
        asked = self.activities(self.type_thematic, self.cell_a | self.cell_c)
        self.assertEqual(asked.res_id, self.cell_a.id)
        self.assertEqual(asked.user_id, self.user_secretary)
        # the quarter in Roman numerals, in the secretary's language
        self.assertRegex(str(asked.note), r"(quarter|quý) I/2026")
        self.assertEqual(len(asked), 1, "run twice, asked once")
