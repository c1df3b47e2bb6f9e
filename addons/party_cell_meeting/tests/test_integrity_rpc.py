import xmlrpc.client

from odoo import fields
from odoo.tests import HttpCase, JsonRpcException, tagged

from .common_report import PartyReportCase


@tagged("post_install", "-at_install")
class TestIntegrityOverRpc(PartyReportCase, HttpCase):
    """The attacks of the integrity issue as clients make them: JSON-RPC as
    the web client sends it, with any context key, and XML-RPC, whose
    answers must marshal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting_a.action_mark_held()
        cls.report = cls.meeting_a.report_ids
        cls.meeting_today = cls.create_meeting(
            cls.cell_a, fields.Date.context_today(cls.meeting_a), kind="thematic"
        )
        cls.meeting_today.action_load_attendance()

    def call_kw(self, login, model, method, args, kwargs=None):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def xmlrpc(self, login, model, method, *args, **kwargs):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, login, model, method, list(args), kwargs
        )

    def test_json_rpc_refuses_forged_report_dates_whatever_the_context(self):
        for vals, context in (
            ({"date_submitted": "2026-03-04"}, {}),
            ({"state": "submitted"}, {"party_score_workflow": True, "active_test": False}),
            ({"date_deadline": "2026-12-31", "is_late": False}, {"party_system_write": True}),
        ):
            with self.subTest(vals=vals), self.assertRaises(JsonRpcException) as caught:
                self.call_kw(
                    "party_cadre", "party.meeting.report", "write", [self.report.ids, vals],
                    {"context": context},
                )
            self.assertEqual(str(caught.exception), "odoo.exceptions.UserError")
        self.report.invalidate_recordset()
        self.assertEqual(self.report.state, "draft")
        self.assertFalse(self.report.date_submitted)

    def test_json_rpc_cannot_unhold_a_meeting_to_delete_it(self):
        with self.assertRaises(JsonRpcException):
            self.call_kw(
                "party_secretary", "party.meeting", "write",
                [self.meeting_a.ids, {"state": "planned"}],
            )
        with self.assertRaises(JsonRpcException):
            self.call_kw("party_secretary", "party.meeting", "unlink", [self.meeting_a.ids])
        self.assertTrue(self.meeting_a.exists())
        self.assertEqual(self.meeting_a.state, "held")

    def test_xml_rpc_actions_answer_a_value(self):
        line = self.meeting_today.attendance_ids.filtered(
            lambda line: line.member_id == self.member_a1
        )
        self.assertIs(
            self.xmlrpc("party_secretary", "party.meeting.attendance", "action_mark_present",
                        line.ids),
            True,
        )
        self.assertEqual(line.status, "present")
        proposal = self.new_proposal(self.report)
        proposal.action_assign()
        self.assertIs(
            self.xmlrpc(
                "party_resolver", "party.proposal", "action_transfer", proposal.ids,
                self.authority_department.id, "Thuộc thẩm quyền của Sở",
            ),
            True,
        )
        self.assertEqual(proposal.authority_id, self.authority_department)

    def test_xml_rpc_refuses_system_fields_with_a_user_error(self):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.xmlrpc("party_secretary", "party.meeting", "write", self.meeting_a.ids,
                        {"present_count": 40})
        self.assertIn("not written directly", caught.exception.faultString)
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.xmlrpc("party_cadre", "party.proposal", "action_transfer", [1])
        self.assertNotIn("TypeError", caught.exception.faultString)

    def test_another_offices_workbook_is_not_downloaded(self):
        wizard = self.env["party.report.export.wizard"].with_user(
            self.user_office_ward_1
        ).create({"organization_id": self.ward_1.id})
        url = wizard.action_export_xlsx()["url"]
        self.authenticate("party_office_w1", "party_office_d1")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content[:2], b"PK")
        self.authenticate("party_office_province", "party_office_province")
        response = self.url_open(url)
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(b"PK", response.content[:2])

    def test_the_rules_of_2025_over_rpc(self):
        """HD 42 and QĐ 366 as clients call them: the verdicts on a meeting
        and the evidence of a rating are the system's whatever the context;
        the actions answer values XML-RPC marshals."""
        for vals in ({"is_too_short": False}, {"duration_minutes": 120},
                     {"documents_in_time": True}):
            with self.subTest(vals=vals), self.assertRaises(JsonRpcException):
                self.call_kw(
                    "party_secretary", "party.meeting", "write", [self.meeting_a.ids, vals],
                    {"context": {"party_system_write": True}},
                )
        self.assertIs(
            self.xmlrpc("party_secretary", "party.meeting", "action_documents_posted_now",
                        self.meeting_today.ids),
            True,
        )
        evaluation = self.env["party.cadre.evaluation"]._prepare_year(self.province.ids, 2026)[:1]
        evidence = evaluation.line_ids.filtered("evidence")[:1]
        with self.assertRaises(JsonRpcException):
            self.call_kw(
                "party_office_province", "party.cadre.evaluation.line", "write",
                [evidence.ids, {"points": evidence.max_points}],
                {"context": {"party_system_write": True}},
            )
        wizard = self.env["party.report.export.wizard"].with_user(self.user_office_province).create(
            {"organization_id": self.province.id, "date_from": "2026-01-01",
             "date_to": "2026-12-31", "quarter": "1"}
        )
        action = self.xmlrpc(
            "party_office_province", "party.report.export.wizard", "action_prepare_evaluations",
            wizard.ids,
        )
        self.assertEqual(action["res_model"], "party.cadre.evaluation")
        quarterly = self.env["party.cadre.evaluation"].search(action["domain"])
        self.assertTrue(quarterly)
        self.assertEqual(set(quarterly.mapped("quarter")), {"1"})
        evaluation.rating = "good"
        self.assertIs(
            self.xmlrpc("party_office_province", "party.cadre.evaluation", "action_confirm",
                        evaluation.ids),
            True,
        )
        evaluation.decided_rating = "good"
        self.assertIs(
            self.xmlrpc("party_office_province", "party.cadre.evaluation", "action_decide",
                        evaluation.ids),
            True,
        )
        with self.assertRaises(JsonRpcException):
            self.call_kw(
                "party_office_province", "party.cadre.evaluation", "unlink", [evaluation.ids]
            )
