import ast
import datetime
import inspect
import textwrap

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.models import regex_private
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common_report import PartyReportCase

# The fields the integrity issue names, per model: each must be refused to
# every user, on top of what the models' field definitions make system-owned.
NAMED_SYSTEM_FIELDS = {
    "party.meeting.report": {
        "date_submitted", "date_deadline", "is_late", "date_missing_notified", "cadre_id",
        "cell_id", "state",
    },
    "party.meeting": {"state", "present_count", "member_count", "cadre_attended"},
    "party.meeting.score": {"state", "total", "classification", "confirmed_by_id"},
    "party.proposal": {"state", "date_resolved", "date_assigned", "date_deadline", "is_overdue"},
    "party.assignment.decision": {"state", "superseded_by_id"},
    "party.assignment": {"state"},
    "party.cadre.evaluation": {
        "state", "assigned_count", "attended_count", "excused_count", "unexcused_count",
        "report_due_count", "report_on_time_count", "report_late_count",
        "report_missing_count", "attendance_rate", "report_rate", "suggested_rating",
    },
    "party.meeting.attendance": {"date_reminded", "cell_id", "date"},
}
MAIL_PREFIXES = ("message_", "activity_", "website_message_")
# Odoo itself drops these from any write
MAGIC_FIELDS = {"id", "create_uid", "create_date", "write_uid", "write_date"}


def expected_system_fields(model):
    """System-owned fields read from the model's field definitions, apart
    from the mixin that enforces them: computed or related fields users
    cannot type in, readonly fields, state, and the fields named above."""
    names = set(NAMED_SYSTEM_FIELDS.get(model._name, ()))
    for name, field in model._fields.items():
        if name.startswith(MAIL_PREFIXES) or name in MAGIC_FIELDS:
            continue
        if name == "state" or field.readonly:
            names.add(name)
    return names


@tagged("post_install", "-at_install")
class TestIntegrity(PartyReportCase):
    """Nothing submitted, decided or computed is rewritten or deleted through
    the API, whatever a client sends."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_office_ward_2 = mail_new_test_user(
            cls.env,
            login="party_office_d2",
            email="party_office_d2@example.com",
            groups="party_cell_meeting.group_party_office",
            party_organization_ids=[Command.link(cls.ward_2.id)],
        )
        cls.meeting_a.action_mark_held()
        cls.report = cls.meeting_a.report_ids
        cls.proposal = cls.new_proposal_for(cls.report)
        cls.env["party.score.template"].search([]).action_archive()
        cls.template = cls.env["party.score.template"].create(
            {
                "name": "Thang điểm thử",
                "date_from": "2025-01-01",
                "criterion_ids": [
                    Command.create({"name": "Thời gian", "max_points": 10}),
                    Command.create({"name": "Nội dung", "max_points": 90}),
                ],
            }
        )
        cls.score = cls.env["party.meeting.score"].create({"meeting_id": cls.meeting_a.id})
        cls.evaluation = cls.env["party.cadre.evaluation"]._prepare_year(
            cls.province.ids, 2026
        ).filtered(lambda evaluation: evaluation.cadre_id == cls.cadre)
        cls.no_meeting_day = cls.env["party.no.meeting.day"].create(
            {"name": "Quốc khánh", "date": "2026-09-02"}
        )
        cls.transfer = cls.env["party.proposal.transfer"].create(
            {
                "proposal_id": cls.proposal.id,
                "from_authority_id": cls.authority_commune.id,
                "to_authority_id": cls.authority_department.id,
                "reason": "Thuộc thẩm quyền của Sở",
            }
        )
        cls.feed = cls.env["party.calendar.feed"].create(
            {"user_id": cls.user_cadre.id, "token": cls.env["party.calendar.feed"]._new_token()}
        )
        cls.rule = cls.env["party.organization.rule"].create(
            {"name": "05-QĐ/ĐU", "organization_id": cls.ward_1.id, "date_from": "2026-01-01",
             "min_duration_minutes": 60}
        )
        cls.scheme = cls.evaluation.scheme_id
        cls.agenda_template = cls.env["party.agenda.template"].create(
            {"name": "Chương trình của phường Một", "organization_id": cls.ward_1.id}
        )
        cls.export_request = cls.env["party.report.export"].create(
            {"name": "cell-meetings.xlsx", "user_id": cls.user_office_province.id,
             "organization_id": cls.province.id, "date_from": "2026-01-01",
             "date_to": "2026-12-31"}
        )
        cls.records = {
            "party.agenda.template": cls.agenda_template,
            "party.report.export": cls.export_request,
            "party.calendar.feed": cls.feed,
            "party.organization.rule": cls.rule,
            "party.rating.scheme": cls.scheme,
            "party.rating.criterion": cls.scheme.criterion_ids,
            "party.cadre.evaluation.line": cls.evaluation.line_ids,
            "party.organization": cls.cell_a | cls.ward_1 | cls.province,
            "party.member": cls.member_a1 | cls.cadre,
            "party.position": cls.secretary.position_ids,
            "party.authority": cls.authority_commune,
            "party.assignment.decision": cls.decision,
            "party.assignment": cls.assignment_cadre,
            "party.meeting": cls.meeting_a,
            "party.meeting.attendance": cls.meeting_a.attendance_ids,
            "party.meeting.report": cls.report,
            "party.proposal": cls.proposal,
            "party.proposal.transfer": cls.transfer,
            "party.meeting.score": cls.score,
            "party.meeting.score.line": cls.score.line_ids,
            "party.score.template": cls.template,
            "party.score.criterion": cls.template.criterion_ids,
            "party.cadre.evaluation": cls.evaluation,
            "party.no.meeting.day": cls.no_meeting_day,
        }
        cls.roles = {
            "member": cls.user_member,
            "cadre": cls.user_cadre,
            "deputy": cls.user_deputy,
            "secretary": cls.user_secretary,
            "resolver": cls.user_resolver,
            "office": cls.user_office_ward_1,
            "province office": cls.user_office_province,
            "manager": cls.user_manager,
        }

    @classmethod
    def new_proposal_for(cls, report):
        return cls.env["party.proposal"].create(
            {
                "name": "Sửa đường thôn A",
                "description": "Đường bê tông thôn A dài 500 m bị hư hỏng, đề nghị sửa chữa.",
                "report_id": report.id,
                "authority_id": cls.authority_commune.id,
            }
        )

    # ------------------------------------------------------------------
    # every model, every role, every system-owned field
    # ------------------------------------------------------------------

    def addon_models(self, transient=False):
        return [
            model
            for _name, model in self.env.items()
            if model._original_module == "party_cell_meeting"
            and not model._abstract
            and (transient or not model._transient)
        ]

    def forged_value(self, record, name):
        """A value of field `name` other than the record's."""
        field = record._fields[name]
        current = record[name]
        if field.type == "boolean":
            return not current
        if field.type in ("char", "text"):
            return f"{current or ''} forged"
        if field.type == "html":
            return "<p>forged</p>"
        if field.type in ("integer", "float", "monetary"):
            return (current or 0) + 7
        if field.type == "date":
            return datetime.date(2026, 1, 1) if current != datetime.date(2026, 1, 1) else (
                datetime.date(2026, 1, 2)
            )
        if field.type == "datetime":
            return datetime.datetime(2026, 1, 1, 8, 0)
        if field.type == "selection":
            values = [value for value, _label in field._description_selection(self.env)]
            return next(value for value in values if value != current)
        if field.type == "many2one":
            other = self.env[field.comodel_name].sudo().with_context(active_test=False).search(
                [("id", "!=", current.id)], limit=1
            )
            return other.id
        if field.type in ("one2many", "many2many"):
            return [Command.clear()]
        if field.type == "binary":
            return "Zm9yZ2Vk"
        raise AssertionError(f"No forged value for the {field.type} field {name}")

    def test_every_model_guards_its_system_fields_for_every_role(self):
        checked = set()
        for model in self.addon_models():
            if not model._auto:
                # reporting views: nobody writes them
                for role, user in self.roles.items():
                    self.assertFalse(
                        model.with_user(user).has_access("write"),
                        f"{role} may write the reporting model {model._name}",
                    )
                continue
            self.assertTrue(
                hasattr(model, "_party_check_write"),
                f"{model._name} does not inherit party.integrity.mixin",
            )
            self.assertIn(model._name, self.records, f"no test record of {model._name}")
            system = expected_system_fields(model)
            self.assertLessEqual(
                system - model._party_system_field_names(), set(model._party_owner_fields),
                f"{model._name} leaves system-owned fields open",
            )
            for role, user in self.roles.items():
                records = self.records[model._name].with_user(user)._filtered_access("write")
                if not records:
                    continue
                record = records[0]
                for name in sorted(system):
                    value = self.forged_value(record.sudo(), name)
                    before = record.sudo()[name]
                    with self.subTest(model=model._name, role=role, field=name):
                        with self.assertRaises(UserError):
                            record.write({name: value})
                            record.flush_recordset()
                        if record._fields[name].store:
                            record.invalidate_recordset()
                            self.assertEqual(record.sudo()[name], before)
                checked.add(model._name)
        # each model that any role may write was attacked by at least one
        users = self.roles.values()
        writable = {
            name
            for name, records in self.records.items()
            if any(records.with_user(user)._filtered_access("write") for user in users)
        }
        self.assertEqual(checked, writable)
        self.assertIn("party.meeting.report", checked)

    def test_owner_fields_are_fixed_once_given(self):
        cases = [
            (self.report.with_user(self.user_cadre), "assignment_id", self.assignment_deputy.id),
            (self.report.with_user(self.user_cadre), "meeting_id", self.meeting_c.id),
            (self.meeting_a.attendance_ids[:1].with_user(self.user_secretary), "member_id",
             self.member_c1.id),
            (self.score.line_ids[:1].with_user(self.user_secretary), "criterion_id",
             self.template.criterion_ids[1].id),
            (self.evaluation.with_user(self.user_office_province), "cadre_id", self.deputy.id),
        ]
        for record, name, value in cases:
            with self.subTest(model=record._name, field=name):
                before = record.sudo()[name]
                with self.assertRaises(UserError):
                    record.write({name: value})
                self.assertEqual(record.sudo()[name], before)

    # ------------------------------------------------------------------
    # the scenarios of the issue, as the role named
    # ------------------------------------------------------------------

    def test_cadre_cannot_forge_the_dates_and_owner_of_their_report(self):
        report = self.report.with_user(self.user_cadre)
        for vals in (
            {"date_submitted": "2026-03-04"},
            {"date_deadline": "2026-12-31"},
            {"is_late": False},
            {"date_missing_notified": "2026-03-11 08:00:00"},
            {"state": "submitted"},
        ):
            with self.subTest(vals=vals), self.assertRefused(UserError, "not written directly"):
                report.write(vals)
        with self.assertRefused(UserError, "not written directly"):
            report.write({"cadre_id": self.deputy.id})
        self.assertFalse(self.report.date_submitted)
        self.assertEqual(self.report.cadre_id, self.cadre)

    def test_cadre_cannot_create_a_report_submitted_beforehand(self):
        Report = self.env["party.meeting.report"].with_user(self.user_cadre)
        self.report.unlink()
        values = {"meeting_id": self.meeting_a.id, "assignment_id": self.assignment_cadre.id}
        with self.assertRefused(UserError, "not written directly"):
            Report.create({**values, "state": "submitted", "date_submitted": "2026-03-04"})
        # context defaults are no way around it: they are dropped
        report = Report.with_context(
            default_state="submitted", default_date_submitted="2026-03-04"
        ).create(values)
        self.assertEqual(report.state, "draft")
        self.assertFalse(report.date_submitted)

    def test_submitted_report_cannot_be_flipped_back_and_deleted(self):
        report = self.report.with_user(self.user_cadre)
        report.action_submit()
        self.assertEqual(self.proposal.state, "assigned")
        with self.assertRefused(UserError, "not written directly"):
            report.write({"state": "draft"})
        with self.assertRefused(UserError, "locked"):
            report.write({"topic": "Khác"})
        with self.assertRefused(UserError, "cannot be deleted"):
            report.unlink()
        self.assertTrue(self.proposal.exists())

    def test_draft_report_carrying_a_sent_proposal_stays(self):
        thematic = self.create_meeting(self.cell_a, "2026-03-04", kind="thematic", topic="NQ4")
        report = self.env["party.meeting.report"].create(
            {"meeting_id": thematic.id, "assignment_id": self.assignment_cadre.id}
        )
        proposal = self.new_proposal_for(report)
        proposal.with_user(self.user_office_province).action_assign()
        with self.assertRefused(UserError, "sent to their authorities"):
            report.with_user(self.user_cadre).unlink()
        self.assertTrue(proposal.exists())

    def test_the_report_owed_on_a_held_meeting_is_not_deleted(self):
        with self.assertRefused(UserError, "file it instead"):
            self.report.with_user(self.user_cadre).unlink()
        self.assertTrue(self.report.exists())

    def test_secretary_cannot_unhold_or_rewrite_a_held_meeting(self):
        meeting = self.meeting_a.with_user(self.user_secretary)
        with self.assertRefused(UserError, "not written directly"):
            meeting.write({"state": "planned"})
        with self.assertRefused(UserError, "not written directly"):
            meeting.write({"present_count": 40})
        with self.assertRefused(UserError, "was held"):
            meeting.write({"location": "Nhà văn hóa khác"})
        with self.assertRefused(UserError, "stays on record"):
            meeting.unlink()
        self.assertEqual(self.meeting_a.state, "held")
        self.assertTrue(self.meeting_a.attendance_ids)

    def test_minutes_of_a_held_meeting_are_written_up_with_a_trail(self):
        self.meeting_a.minutes = "<p>Bản nháp</p>"
        meeting = self.meeting_a.with_user(self.user_secretary)
        meeting.write({"minutes": "<p>Biên bản chính thức</p>"})
        log = self.meeting_a.message_ids[0]
        self.assertIn("Bản nháp", str(log.body))
        self.assertEqual(log.author_id, self.user_secretary.partner_id)

    def test_cadre_cannot_change_their_line_after_the_meeting(self):
        line = self.meeting_a.attendance_ids.filtered(lambda line: line.member_id == self.cadre)
        with self.assertRefused(UserError, "only the cell secretary or the party office"):
            line.with_user(self.user_cadre).write({"status": "absent_excused", "reason": "Ốm"})
        self.assertEqual(line.status, "present")

    def test_secretary_without_email_corrects_attendance_with_a_trail(self):
        self.user_secretary.partner_id.email = False
        line = self.meeting_a.attendance_ids.filtered(lambda line: line.member_id == self.member_a2)
        line.with_user(self.user_secretary).write({"status": "absent_excused", "reason": "Ốm"})
        self.assertEqual(line.status, "absent_excused")
        log = self.meeting_a.message_ids[0]
        self.assertEqual(log.author_id, self.user_secretary.partner_id)
        self.assertIn("Hoàng Văn Hai", str(log.body))

    def test_no_attendance_recorded_before_the_meeting_day(self):
        meeting = self.create_meeting(self.cell_a, fields.Date.add(fields.Date.today(), days=2))
        meeting.action_load_attendance()
        line = meeting.attendance_ids.filtered(lambda line: line.member_id == self.cadre)
        with self.assertRefused(UserError, "recorded on the day"):
            line.with_user(self.user_cadre).action_mark_present()
        # an excused absence is declared ahead
        line.with_user(self.user_cadre).write({"status": "absent_excused", "reason": "Đi công tác"})
        self.assertEqual(line.status, "absent_excused")

    def test_confirmed_score_sheet_is_kept(self):
        score = self.score.with_user(self.user_secretary)
        score.line_ids[0].points = 10
        score.action_submit()
        self.score.with_user(self.user_cadre).action_confirm()
        for vals in ({"total": 100.0}, {"classification": "excellent"}, {"state": "draft"}):
            with self.subTest(vals=vals), self.assertRefused(UserError, "not written directly"):
                score.write(vals)
        with self.assertRefused(UserError, "confirmed"):
            score.write({"note": "Sửa lại"})
        with self.assertRefused(UserError, "confirmed"):
            score.line_ids[1].with_user(self.user_cadre).write({"final_points": 90})
        self.assertEqual(self.score.total, 10)

    def test_secretary_cannot_confirm_their_own_sheet_with_a_context_key(self):
        score = self.score.with_user(self.user_secretary).with_context(party_score_workflow=True)
        score.action_submit()
        with self.assertRefused(UserError, "not written directly"):
            score.write({"state": "confirmed", "confirmed_by_id": self.user_secretary.id})
        with self.assertRaises(AccessError):
            score.action_confirm()
        self.assertEqual(self.score.state, "submitted")

    def test_no_context_key_reopens_a_decision_or_its_assignments(self):
        office = self.user_office_province
        assignment = self.assignment_cadre.with_user(office).with_context(
            party_assignment_lifecycle=True
        )
        with self.assertRefused(UserError, "cannot be changed"):
            assignment.write({"date_end": "2026-06-30"})
        with self.assertRefused(UserError, "not written directly"):
            assignment.write({"state": "ended"})
        decision = self.decision.with_user(office)
        with self.assertRefused(UserError, "not written directly"):
            decision.write({"state": "draft"})
        with self.assertRefused(UserError, "Only draft decisions"):
            decision.unlink()
        self.assertEqual(self.decision.state, "in_force")

    def test_resolver_cannot_close_without_answer_or_transfer_with_a_context_key(self):
        proposal = self.proposal
        proposal.action_assign()
        resolver = proposal.with_user(self.user_resolver)
        with self.assertRefused(UserError, "not written directly"):
            resolver.write({"state": "resolved"})
        with self.assertRefused(UserError, "Write how"):
            resolver.action_resolve()
        with self.assertRefused(UserError, "Use Transfer"):
            resolver.with_context(party_proposal_transfer=True).write(
                {"authority_id": self.authority_department.id}
            )
        with self.assertRefused(UserError, "not written directly"):
            resolver.write({"date_deadline": "2027-12-31"})
        resolver.resolution = "Xã đã bố trí kinh phí sửa đường trong quý II."
        resolver.action_resolve()
        with self.assertRefused(UserError, "kept as answered"):
            resolver.write({"resolution": "Khác"})
        self.assertEqual(proposal.state, "resolved")

    def test_office_rewrites_a_sent_proposal_only_through_its_answer(self):
        self.proposal.action_assign()
        with self.assertRefused(UserError, "is with its authority"):
            self.proposal.with_user(self.user_office_province).write({"name": "Khác"})
        with self.assertRaises(AccessError):
            self.proposal.with_user(self.user_cadre).write({"resolution": "Đã xong"})
        self.assertFalse(self.proposal.resolution)

    def test_office_cannot_rewrite_frozen_figures(self):
        evaluation = self.evaluation.with_user(self.user_office_province)
        with self.assertRefused(UserError, "not written directly"):
            evaluation.write({"attended_count": 12, "attendance_rate": 100.0})
        with self.assertRefused(UserError, "not written directly"):
            evaluation.write({"year": "2025"})
        with self.assertRefused(UserError, "not written directly"):
            self.env["party.cadre.evaluation"].with_user(self.user_office_province).create(
                {"organization_id": self.province.id, "cadre_id": self.deputy.id,
                 "year": "2025", "attended_count": 12, "suggested_rating": "excellent"}
            )
        evaluation.rating = "good"
        evaluation.action_confirm()
        with self.assertRefused(UserError, "locked"):
            evaluation.write({"note": "Khác"})

    def test_a_transfer_stays_as_it_was_made(self):
        with self.assertRefused(UserError, "not written directly"):
            self.transfer.with_user(self.user_manager).write({"reason": "Khác"})

    def test_wizards_are_read_only_by_their_maker(self):
        Wizard = self.env["party.report.export.wizard"]
        mine = Wizard.with_user(self.user_office_ward_1).create(
            {"organization_id": self.ward_1.id}
        )
        mine.action_export_xlsx()
        other = Wizard.with_user(self.user_office_ward_2)
        self.assertFalse(other.search([]))
        with self.assertRaises(AccessError):
            mine.with_user(self.user_office_ward_2).read(["file_data"])
        self.assertEqual(Wizard.with_user(self.user_office_ward_1).search([]), mine)

    def test_typed_text_never_becomes_markup_in_the_deputy_note(self):
        meeting = self.create_meeting(self.cell_a, fields.Date.add(fields.Date.today(), days=2))
        meeting.action_load_attendance()
        reason = '<a href="https://example.com">bấm</a><img src="x"/>'
        wizard = self.env["party.meeting.absence.wizard"].with_user(self.user_cadre).with_context(
            active_id=meeting.id, active_model="party.meeting"
        ).create({"reason": reason})
        wizard.action_confirm()
        activity = meeting.activity_ids.filtered(lambda a: a.user_id == self.user_deputy)
        self.assertNotIn("<a", str(activity.note))
        self.assertNotIn("<img", str(activity.note))
        self.assertIn("&lt;a href", str(activity.note))

    # ------------------------------------------------------------------
    # dates, arguments and return values
    # ------------------------------------------------------------------

    def test_dates_out_of_the_partys_time_are_refused(self):
        for day in ("1900-01-01", "1930-02-02", "9999-12-31"):
            with self.subTest(day=day), self.assertRefused(ValidationError, "out of range"):
                self.create_meeting(self.cell_b, day)
        self.create_meeting(self.cell_b, "1930-02-03")
        meeting = self.meeting_c.with_user(self.user_office_province)
        with self.assertRefused(ValidationError, "out of range"):
            meeting.write({"date": "9999-12-31"})
        with self.assertRefused(UserError, "was held"):
            self.meeting_a.with_user(self.user_office_province).write({"date": "9999-12-31"})
        with self.assertRefused(ValidationError, "out of range"):
            self.decision.copy({"name": "1-QĐ/TU", "date_effective": "2099-01-01"})
        with self.assertRefused(ValidationError, "between 0:00 and 24:00"):
            meeting.write({"time_start": 25})

    def test_export_up_to_year_9999_is_refused(self):
        wizard = self.env["party.report.export.wizard"].with_user(
            self.user_office_province
        ).create({"organization_id": self.province.id, "date_from": "2026-01-01",
                  "date_to": "9999-12-31"})
        with self.assertRefused(ValidationError, "out of range"):
            wizard.action_export_xlsx()
        with self.assertRefused(ValidationError, "out of range"):
            wizard.action_print_cadre_year()

    def test_public_methods_take_plain_ids_and_refuse_missing_arguments(self):
        self.proposal.action_assign()
        resolver = self.proposal.with_user(self.user_resolver)
        with self.assertRefused(UserError, "Say why"):
            resolver.action_transfer(self.authority_department.id)
        with self.assertRefused(UserError, "Choose the authority"):
            resolver.action_transfer()
        with self.assertRefused(UserError, "Choose the authority"):
            resolver.action_transfer("Sở Giao thông", "Không thuộc thẩm quyền")
        self.assertIs(
            resolver.action_transfer([self.authority_department.id], "Thuộc thẩm quyền Sở"), True
        )
        self.assertEqual(self.proposal.authority_id, self.authority_department)
        self.report.action_submit()
        with self.assertRefused(UserError, "Say why"):
            self.report.with_user(self.user_office_province).action_reopen()

    def test_every_public_method_returns_a_value(self):
        """XML-RPC cannot marshal None: a public method (callable over RPC)
        of the addon returns a value on every path."""
        for model in self.addon_models(transient=True):
            for name, method in inspect.getmembers(type(model), inspect.isfunction):
                if regex_private.match(name) or method.__module__.split(".")[2:3] != [
                    "party_cell_meeting"
                ]:
                    continue
                tree = ast.parse(textwrap.dedent(inspect.getsource(method)))
                body = tree.body[0].body
                with self.subTest(model=model._name, method=name):
                    self.assertIsInstance(body[-1], ast.Return | ast.Raise)
                    for node in ast.walk(tree):
                        if isinstance(node, ast.Return):
                            self.assertIsNotNone(node.value)

    def test_mark_present_returns_true(self):
        meeting = self.create_meeting(self.cell_b, fields.Date.today(), kind="thematic")
        meeting.action_load_attendance()
        line = meeting.attendance_ids.filtered(lambda line: line.member_id == self.member_b1)
        self.assertIs(line.action_mark_present(), True)
        self.assertEqual(line.status, "present")

    def test_counts_cannot_exceed_their_totals(self):
        report = self.report.with_user(self.user_cadre)
        total = report.member_total
        with self.assertRefused(ValidationError, "cannot be more"):
            report.write({"member_present": total + 1})
        with self.assertRefused(ValidationError, "cannot be more"):
            report.write({"member_exempt": total + 1})
        with self.assertRefused(ValidationError, "birth date"):
            self.member_a1.birth_date = "2099-01-01"

    def test_a_cancelled_meeting_keeps_all_but_its_reason(self):
        meeting = self.meeting_c.with_user(self.user_office_province)
        meeting.action_cancel()
        meeting.write({"cancel_reason": "Bão số 3"})
        with self.assertRefused(UserError, "was cancelled"):
            meeting.write({"date": "2026-03-05"})
        meeting.action_reset_to_planned()
        self.assertEqual(self.meeting_c.state, "planned")

    def test_my_meetings_opens_for_every_role(self):
        """The default filter of My Meetings reads nothing a role may not read
        (a member reads no assignment, a resolver no attendance)."""
        Meeting = self.env["party.meeting"]
        expected = {
            "member": self.meeting_a,
            "cadre": self.meeting_a,
            "secretary": self.meeting_a,
            "resolver": Meeting,
        }
        for role, meetings in expected.items():
            with self.subTest(role=role):
                found = Meeting.with_user(self.roles[role]).search([("is_mine", "=", True)])
                self.assertEqual(found, meetings)
        self.assertNotIn(
            self.meeting_c, Meeting.with_user(self.user_cadre).search([("is_mine", "=", True)])
        )

    def test_the_present_button_shows_only_where_it_works(self):
        """A cadre taps Present on their own line on the day, not on the
        others' lines; the secretary records them all."""
        today = self.create_meeting(self.cell_a, fields.Date.today(), kind="thematic")
        today.action_load_attendance()
        lines = today.attendance_ids
        own = lines.filtered(lambda line: line.member_id == self.cadre)
        self.assertTrue(lines - own)
        self.assertEqual(lines.with_user(self.user_cadre).filtered("can_record").ids, own.ids)
        self.assertEqual(lines.with_user(self.user_secretary).filtered("can_record").ids, lines.ids)
        # the day before the meeting, not even their own line
        tomorrow = self.create_meeting(
            self.cell_a, fields.Date.add(fields.Date.today(), days=1), kind="extraordinary"
        )
        tomorrow.action_load_attendance()
        self.assertFalse(tomorrow.attendance_ids.with_user(self.user_cadre).filtered("can_record"))

    def test_the_system_key_counts_only_with_its_token(self):
        """A client can send the context key of the workflow's writes; it
        opens nothing, even where the server later goes through sudo()."""
        for value in (True, "1", 1):
            with self.subTest(value=value):
                decision = self.decision.with_user(self.user_office_province).with_context(
                    party_system_write=value
                )
                with self.assertRefused(UserError, "not written directly"):
                    decision.write({"state": "draft"})
                with self.assertRefused(UserError, "cannot be changed"):
                    decision.sudo().write({"date_effective": "2026-02-01"})
        self.assertEqual(self.decision.state, "in_force")
