import xmlrpc.client
from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import load_vietnamese
from .common_report import PartyReportCase


@tagged("post_install", "-at_install")
class TestPhoneFlows(PartyReportCase, HttpCase):
    """What the short phone journeys stand on (issue 14, items 8 and 9), as
    the clients call it: the cadre's own presence from the top of the
    meeting, every step in one tap, a submission that says where it went,
    and the forms a phone shows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.meeting_a)
        cls.meeting_today = cls.create_meeting(cls.cell_a, today, kind="thematic", topic="NQ")
        cls.meeting_tomorrow = cls.create_meeting(
            cls.cell_a, today + timedelta(days=1), kind="thematic", topic="NQ"
        )
        (cls.meeting_today | cls.meeting_tomorrow).action_load_attendance()

    def xmlrpc(self, login, model, method, *args):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, login, model, method, list(args), {}
        )

    def cadre_line(self, meeting):
        return meeting.attendance_ids.filtered(lambda line: line.member_id == self.cadre)

    def test_a_cadre_records_their_own_presence_on_the_day(self):
        meeting = self.meeting_today.with_user(self.user_cadre)
        self.assertTrue(meeting.can_mark_me_present)
        self.assertIs(
            self.xmlrpc("party_cadre", "party.meeting", "action_mark_me_present", meeting.ids),
            True,
        )
        self.assertEqual(self.cadre_line(self.meeting_today).status, "present")
        meeting.invalidate_recordset()
        self.assertFalse(meeting.can_mark_me_present)
        # the other members' lines are left as they were
        self.assertEqual(
            set(self.meeting_today.attendance_ids.filtered(
                lambda line: line.attendee_role == "member"
            ).mapped("status")),
            {"pending"},
        )

    def test_no_one_records_their_presence_ahead_or_for_a_cell_they_do_not_attend(self):
        tomorrow = self.meeting_tomorrow.with_user(self.user_cadre)
        self.assertFalse(tomorrow.can_mark_me_present)
        with self.assertRaises(UserError):
            tomorrow.action_mark_me_present()
        self.assertEqual(self.cadre_line(self.meeting_tomorrow).status, "pending")
        # the secretary keeps the roll call, they are not an assigned cadre of it
        with self.assertRaises(UserError):
            self.meeting_today.with_user(self.user_secretary).action_mark_me_present()
        self.assertFalse(self.meeting_today.with_user(self.user_secretary).can_mark_me_present)
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.xmlrpc("party_member", "party.meeting", "action_mark_me_present",
                        self.meeting_today.ids)
        self.assertNotIn("Traceback", caught.exception.faultString.split("\n")[0])

    def test_every_step_in_one_tap_on_the_cadres_own_draft_only(self):
        report = self.hold_meeting_a()
        self.assertLess(report.steps_done, 12)
        report.with_user(self.user_cadre).action_follow_all_steps()
        self.assertEqual(report.steps_done, 12)
        # the deputy cannot tick the steps of the cadre's report
        report.step_party_fee = False
        with self.assertRaises(AccessError):
            report.with_user(self.user_deputy).action_follow_all_steps()
        self.assertFalse(report.step_party_fee)
        report.with_user(self.user_cadre).action_submit()
        with self.assertRaises(UserError):
            report.with_user(self.user_cadre).action_follow_all_steps()
        self.assertFalse(report.step_party_fee)

    def test_submitting_says_where_it_went_and_marshals(self):
        report = self.hold_meeting_a()
        self.new_proposal(report)
        self.new_proposal(report, name="Lắp đèn đường thôn A")
        answer = self.xmlrpc("party_cadre", "party.meeting.report", "action_submit", report.ids)
        self.assertEqual((answer["type"], answer["tag"]), ("ir.actions.client",
                                                          "display_notification"))
        self.assertIn("2 proposals were sent", answer["params"]["message"])
        self.assertEqual(answer["params"]["next"], {"type": "ir.actions.act_window_close"})
        self.assertEqual(report.state, "submitted")
        self.assertEqual(set(report.proposal_ids.mapped("state")), {"assigned"})

    def test_a_report_without_proposals_is_confirmed_plainly(self):
        report = self.hold_meeting_a()
        answer = report.with_user(self.user_cadre).action_submit()
        self.assertEqual(answer["params"]["message"], "Report submitted to the party office.")

    def test_exempt_members_are_known_on_their_lines(self):
        self.member_a2.is_exempt = True
        line = self.meeting_today.attendance_ids.filtered(
            lambda line: line.member_id == self.member_a2
        )
        self.assertTrue(line.with_user(self.user_secretary).member_is_exempt)

    def test_the_forms_a_phone_shows(self):
        meeting_form = etree.fromstring(
            self.env["party.meeting"].get_view(view_type="form")["arch"]
        )
        attendance = meeting_form.xpath("//field[@name='attendance_ids']")
        self.assertEqual([node.get("widget") for node in attendance], ["party_roll_call"])
        phone_actions = meeting_form.xpath("//div[@name='phone_actions']")[0]
        self.assertIn("d-md-none", phone_actions.get("class"))
        self.assertEqual(
            {button.get("name") for button in phone_actions.iter("button")},
            {"action_mark_me_present", "action_declare_absence", "action_load_attendance",
             "action_mark_held", "action_open_my_report", "action_open_score"},
        )
        report_form = etree.fromstring(
            self.env["party.meeting.report"].get_view(view_type="form")["arch"]
        )
        self.assertFalse(report_form.xpath("//widget[@name='web_ribbon']"))
        # late and overdue read as badges under the title
        self.assertEqual(
            sorted(node.get("invisible") for node in report_form.xpath(
                "//div[hasclass('oe_title')]/div[hasclass('badge')]"
            )),
            ["not is_late", "not is_overdue"],
        )
        self.assertFalse(report_form.xpath("//notebook//field[@name='proposal_ids']"))
        self.assertTrue(report_form.xpath("//sheet//button[@name='action_follow_all_steps']"))
        sheet_submit = report_form.xpath("//sheet//button[@name='action_submit']")
        self.assertEqual(len(sheet_submit), 1)
        self.assertIn("d-md-none", sheet_submit[0].getparent().get("class"))

    def test_a_secretary_notes_only_excused_absences_ahead_on_a_phone(self):
        load_vietnamese(self.env)
        self.user_secretary.lang = "vi_VN"
        self.browser_size = "390x844"
        self.touch_enabled = True
        self.start_tour(
            f"/odoo/party.meeting/{self.meeting_tomorrow.id}",
            "party_roll_call_ahead_tour",
            login="party_secretary",
        )
        lines = {line.member_id: line for line in self.meeting_tomorrow.attendance_ids}
        self.assertEqual(
            (lines[self.member_a2].status, lines[self.member_a2].reason),
            ("absent_excused", "Đi công tác"),
        )
        self.assertEqual(lines[self.member_a1].status, "pending")
