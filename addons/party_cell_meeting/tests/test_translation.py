from lxml import etree

from odoo.tests import TransactionCase, tagged

from ..models.party_numbers import format_points
from .common import PartyCellMeetingCase, load_vietnamese


@tagged("post_install", "-at_install")
class TestVietnameseInterface(TransactionCase):
    """A user who switches to Vietnamese sees the addon in Vietnamese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)
        cls.env_vi = cls.env(context=dict(cls.env.context, lang="vi_VN"))

    def test_app_menu(self):
        menu = self.env_vi.ref("party_cell_meeting.party_cell_meeting_menu_root")
        self.assertEqual(menu.name, "Sinh hoạt chi bộ")

    def test_field_labels_and_selections(self):
        fields = self.env_vi["party.meeting.attendance"].fields_get(["status"])
        labels = dict(fields["status"]["selection"])
        self.assertEqual(labels["absent_unexcused"], "Vắng không lý do")
        self.assertEqual(labels["absent_excused"], "Vắng có lý do")

    def test_error_messages(self):
        message = self.env_vi._("Only a planned meeting can be cancelled.")
        self.assertNotEqual(message, "Only a planned meeting can be cancelled.")

    def test_nothing_of_the_addon_reads_in_english(self):
        """Every field label and selection label of the addon's models, and
        every label, button, filter, page and placeholder of its views, reads
        otherwise in Vietnamese than in English (so that a selection borrowed
        through a lambda or a msgid shared across contexts cannot come back
        untranslated)."""
        same_in_both = {"%", "Email", "ID", "Zalo", "URL", "XLSX", "PDF", "ICS"}
        env_en = self.env(context=dict(self.env.context, lang="en_US"))
        for name in sorted(self.env):
            if not name.startswith("party.") or self.env[name]._abstract:
                continue
            english = env_en[name].fields_get(attributes=["string", "selection"])
            vietnamese = self.env_vi[name].fields_get(attributes=["string", "selection"])
            for field_name, field in self.env[name]._fields.items():
                if field._module != "party_cell_meeting" or field_name in ("id", "display_name"):
                    continue
                label = english[field_name]["string"]
                with self.subTest(model=name, field=field_name):
                    if label not in same_in_both:
                        self.assertNotEqual(vietnamese[field_name]["string"], label)
                    for (value, en_label), (_value, vi_label) in zip(
                        english[field_name].get("selection") or [],
                        vietnamese[field_name].get("selection") or [],
                        strict=True,
                    ):
                        self.assertNotEqual(vi_label, en_label, value)
        views = self.env["ir.ui.view"].search(
            [("model_data_id.module", "=", "party_cell_meeting"), ("type", "!=", "qweb")]
        )
        self.assertTrue(views)
        for view in views:
            arch_en = etree.fromstring(view.with_context(lang="en_US").arch_db)
            arch_vi = etree.fromstring(view.with_context(lang="vi_VN").arch_db)
            for node_en, node_vi in zip(arch_en.iter(), arch_vi.iter(), strict=True):
                if not isinstance(node_en.tag, str):
                    continue  # a comment, for the next engineer
                for attribute in ("string", "placeholder", "help", "confirm"):
                    text = node_en.get(attribute)
                    if not text or text in same_in_both:
                        continue
                    with self.subTest(view=view.xml_id, attribute=attribute, text=text):
                        self.assertNotEqual(node_vi.get(attribute), text)
                text = (node_en.text or "").strip()
                if text and any(char.isalpha() for char in text) and text not in same_in_both:
                    with self.subTest(view=view.xml_id, text=text):
                        self.assertNotEqual((node_vi.text or "").strip(), text)


@tagged("post_install", "-at_install")
class TestGlossary(PartyCellMeetingCase):
    """The words of ../shared/domain/vietnamese-review.md, where one English
    word had been given two meanings or a wrong one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)
        cls.env_vi = cls.env(context=dict(cls.env.context, lang="vi_VN"))

    def label(self, model, field):
        return self.env_vi[model].fields_get([field])[field]["string"]

    def test_the_meeting_is_named_as_vietnamese_names_it(self):
        meeting = self.meeting_a.with_env(self.env_vi)
        self.assertEqual(meeting.display_name, "Sinh hoạt định kỳ tháng 03/2026 – Chi bộ thôn A")
        meeting.kind = "thematic"
        self.assertEqual(meeting.display_name, "Sinh hoạt chuyên đề tháng 03/2026 – Chi bộ thôn A")

    def test_one_meaning_per_word(self):
        self.assertEqual(self.label("party.assignment", "decision_id"), "Văn bản phân công")
        self.assertEqual(self.label("party.proposal", "name"), "Tên kiến nghị")
        self.assertEqual(self.label("party.assignment.decision", "subject"), "Trích yếu")
        self.assertEqual(self.label("party.cell.month.stat", "excellent_count"), "Số buổi đạt Tốt")
        selection = dict(
            self.env_vi["party.cell.month.stat"].fields_get(["classification"])["classification"][
                "selection"
            ]
        )
        self.assertEqual(selection["excellent"], "Tốt")
        states = dict(
            self.env_vi["party.proposal"].fields_get(["state"])["state"]["selection"]
        )
        self.assertEqual(states["rejected"], "Đã từ chối")
        roles = dict(self.env_vi["party.assignment"].fields_get(["role"])["role"]["selection"])
        self.assertEqual(roles["deputy"], "Dự thay")
        search = self.env_vi.ref("party_cell_meeting.party_meeting_report_view_search")
        arch = self.env_vi["party.meeting.report"].get_views([(search.id, "search")])["views"][
            "search"
        ]["arch"]
        self.assertIn('string="Nộp muộn, quá hạn"', arch)

    def test_points_read_with_the_decimal_comma(self):
        self.assertEqual(format_points(self.env_vi, 92.0), "92")
        self.assertEqual(format_points(self.env_vi, 85.5), "85,5")
