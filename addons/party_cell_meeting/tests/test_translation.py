from odoo.tests import TransactionCase, tagged

from .common import load_vietnamese


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
