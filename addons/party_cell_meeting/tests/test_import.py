import csv
import io

from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.misc import file_path

from .common import PartyCellMeetingCase, load_vietnamese

IMPORT_OPTIONS = {
    "has_headers": True,
    "quoting": '"',
    "separator": ",",
    "encoding": "utf-8",
    "date_format": "%d/%m/%Y",
    "float_thousand_separator": ".",
    "float_decimal_separator": ",",
    "limit": 3000,
}


@tagged("post_install", "-at_install")
class TestImportTemplates(PartyCellMeetingCase):
    """An office starts by loading its tree, its members and its assignments
    from spreadsheets, through Odoo's standard import, in Vietnamese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_vietnamese(cls.env)
        cls.user_office_province.lang = "vi_VN"

    def importer(self, model, content, file_name, file_type):
        return (
            self.env["base_import.import"]
            .with_user(self.user_office_province)
            .with_context(lang="vi_VN")
            .create(
                {"res_model": model, "file": content, "file_name": file_name,
                 "file_type": file_type}
            )
        )

    def test_each_template_maps_its_vietnamese_headers_to_fields(self):
        expected = {
            "party.organization": [["name"], ["code"], ["level"], ["parent_id"], ["cell_type"]],
            "party.member": [["name"], ["card_number"], ["organization_id"], ["status"],
                             ["birth_date"], ["date_admitted"], ["phone"]],
            "party.assignment": [["decision_id"], ["cadre_id"], ["cell_id"], ["role"],
                                 ["date_start"], ["date_end"]],
        }
        for model, fields in expected.items():
            with self.subTest(model=model):
                (template,) = self.env[model].with_context(lang="vi_VN").get_import_templates()
                self.assertTrue(template["label"].startswith("Mẫu"), template["label"])
                path = file_path(template["template"].lstrip("/"))
                with open(path, "rb") as file:
                    content = file.read()
                preview = self.importer(
                    model, content, path,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ).parse_preview(dict(IMPORT_OPTIONS))
                self.assertFalse(preview.get("error"), preview)
                self.assertEqual(
                    [preview["matches"].get(index) for index in range(len(fields))], fields
                )

    def members_csv(self, rows):
        output = io.StringIO()
        writer = csv.writer(output)
        writer.writerow(["Tên", "Số thẻ đảng viên", "Chi bộ sinh hoạt", "Trạng thái", "Ngày sinh"])
        writer.writerows(rows)
        return output.getvalue().encode()

    def test_two_thousand_members_with_bad_rows_reported(self):
        cells = ["T-CB-A", "T-CB-B", "T-CB-C"]
        rows = [
            [f"Đảng viên {index:04d}", f"37.{index:06d}", cells[index % 3],
             "Chính thức" if index % 5 else "Dự bị", "12/04/1980"]
            for index in range(2000)
        ]
        bad = {
            101: [rows[101][0], rows[101][1], "T-CB-KHONG-CO", "Chính thức", "12/04/1980"],
            702: ["", rows[702][1], "T-CB-A", "Chính thức", "12/04/1980"],
        }
        with_bad = [bad.get(index, row) for index, row in enumerate(rows)]
        fields = ["name", "card_number", "organization_id", "status", "birth_date"]
        Member = self.env["party.member"]
        before = Member.search_count([])
        # the database refuses the rows without a name or a cell, and says so
        # in the log as it does for any import of Odoo
        with mute_logger("odoo.sql_db"):
            result = self.importer(
                "party.member", self.members_csv(with_bad), "dang-vien.csv", "text/csv"
            ).execute_import(fields, fields, dict(IMPORT_OPTIONS))
        # nothing is half loaded: every bad row is named, and none is created
        self.assertFalse(result["ids"])
        self.assertEqual(Member.search_count([]), before)
        reported = {
            message["rows"]["from"] for message in result["messages"] if message.get("rows")
        }
        self.assertEqual(reported, set(bad))
        self.assertTrue(all(message["type"] == "error" for message in result["messages"]))
        # in the office's language, naming the value and the column
        unknown = next(m for m in result["messages"] if m.get("value") == "T-CB-KHONG-CO")
        self.assertIn("Chi bộ sinh hoạt", unknown["message"])
        # a date that does not exist stops the file before anything is read
        impossible = [*rows[:3], [rows[3][0], rows[3][1], "T-CB-A", "Chính thức", "31/02/1980"]]
        result = self.importer(
            "party.member", self.members_csv(impossible), "dang-vien.csv", "text/csv"
        ).execute_import(fields, fields, dict(IMPORT_OPTIONS))
        (message,) = result["messages"]
        self.assertEqual(message["type"], "error")
        self.assertIn("birth_date", message["message"])
        self.assertRegex(message["message"], r"(dòng|line) 4")
        self.assertEqual(Member.search_count([]), before)
        result = self.importer(
            "party.member",
            self.members_csv([row for index, row in enumerate(rows) if index not in bad]),
            "dang-vien.csv", "text/csv",
        ).execute_import(fields, fields, dict(IMPORT_OPTIONS))
        self.assertFalse(result["messages"], result["messages"][:3])
        self.assertEqual(len(result["ids"]), 1998)
        imported = Member.browse(result["ids"])
        self.assertEqual(
            imported.filtered(lambda member: member.card_number == "37.000004").organization_id,
            self.cell_b,
        )
        self.assertEqual(
            set(imported.mapped("status")), {"official", "probationary"}
        )
        # a member is found by their card number, as the assignments' import does
        self.assertEqual(Member.name_search("37.000004", operator="="), [
            (imported.filtered(lambda member: member.card_number == "37.000004").id,
             "Đảng viên 0004")
        ])
