from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import PartyCellMeetingCase


@tagged("post_install", "-at_install")
class TestAccess(PartyCellMeetingCase):
    """What each role may read, write, create and delete."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.meeting_a | cls.meeting_c).action_load_attendance()

        def line(meeting, member):
            return meeting.attendance_ids.filtered(lambda a: a.member_id == member)

        cls.line_cadre = line(cls.meeting_a, cls.cadre)
        cls.line_deputy = line(cls.meeting_a, cls.deputy)
        cls.line_a1 = line(cls.meeting_a, cls.member_a1)
        cls.line_a2 = line(cls.meeting_a, cls.member_a2)
        cls.line_c1 = line(cls.meeting_c, cls.member_c1)

        cls.organizations = (
            cls.province | cls.ward_1 | cls.ward_2 | cls.bloc
            | cls.cell_a | cls.cell_b | cls.cell_c | cls.cell_agency
        )
        # a provincial member assigned nowhere
        cls.member_agency = cls.env["party.member"].create(
            {"name": "Ngô Văn Khối", "organization_id": cls.cell_agency.id}
        )
        cls.members = (
            cls.cadre | cls.deputy | cls.secretary | cls.member_a1 | cls.member_a2
            | cls.member_b1 | cls.member_c1 | cls.member_agency
        )
        # members who are not cadres assigned to cell_a (offices and
        # secretaries also read those: see the tests of assigned cadres)
        cls.members_unassigned = cls.members - cls.cadre - cls.deputy
        cls.members_a = cls.secretary | cls.member_a1 | cls.member_a2
        cls.meetings = cls.meeting_a | cls.meeting_c
        cls.lines_a = cls.meeting_a.attendance_ids
        cls.lines = cls.lines_a | cls.meeting_c.attendance_ids
        cls.assignments = cls.assignment_cadre | cls.assignment_deputy

    def search_as(self, user, model, records):
        """The records among `records` that `user` finds by a search."""
        self.env.invalidate_all()
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def assertFindsEverything(self, user):
        for model, records in (
            ("party.organization", self.organizations),
            ("party.member", self.members),
            ("party.assignment.decision", self.decision),
            ("party.assignment", self.assignments),
            ("party.meeting", self.meetings),
            ("party.meeting.attendance", self.lines),
        ):
            with self.subTest(model=model):
                self.assertEqual(self.search_as(user, model, records), records)

    def assertCannotRead(self, user, records):
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            records.with_user(user).read(["display_name"])

    # ------------------------------------------------------------------
    # Office of ward_1
    # ------------------------------------------------------------------

    def test_office_reads_all_organizations(self):
        """An office reads every organization, not only its subtree."""
        office = self.user_office_ward_1
        self.assertEqual(
            self.search_as(office, "party.organization", self.organizations),
            self.organizations,
        )
        self.assertEqual(self.cell_c.with_user(office).read(["name"])[0]["name"], "Chi bộ thôn C")

    def test_office_writes_own_subtree_only(self):
        """An office writes the organizations below its own, and no others."""
        office = self.user_office_ward_1
        (self.ward_1 | self.cell_a).with_user(office).write({"note": "<p>Ghi chú</p>"})
        self.cell_a.with_user(office).write({"name": "Chi bộ thôn A mới"})
        self.assertEqual(self.cell_a.name, "Chi bộ thôn A mới")
        for organization in (self.cell_c, self.ward_2, self.province, self.cell_agency):
            with self.subTest(organization=organization.name), self.assertRaises(AccessError):
                organization.with_user(office).write({"name": "Đổi tên"})
        with self.assertRaises(AccessError):
            self.env["party.organization"].with_user(office).create(
                {"name": "Chi bộ thôn D", "code": "T-CB-D", "level": "cell",
                 "cell_type": "residential", "parent_id": self.ward_2.id}
            )

    def test_office_sees_meetings_of_subtree_only(self):
        """An office sees the meetings and attendance of its subtree only."""
        office = self.user_office_ward_1
        self.assertEqual(self.search_as(office, "party.meeting", self.meetings), self.meeting_a)
        self.assertEqual(
            self.search_as(office, "party.meeting.attendance", self.lines), self.lines_a
        )
        self.assertCannotRead(office, self.meeting_c)
        self.assertCannotRead(office, self.line_c1)
        with self.assertRaises(AccessError):
            self.meeting_c.with_user(office).write({"location": "Nhà văn hóa"})

    def test_office_creates_meetings_in_subtree_only(self):
        """An office plans meetings for the cells of its subtree, not for others."""
        Meeting = self.env["party.meeting"].with_user(self.user_office_ward_1)
        meeting_b = Meeting.create({"cell_id": self.cell_b.id, "date": "2026-04-03"})
        self.assertEqual(meeting_b.cell_id, self.cell_b)
        with self.assertRaises(AccessError):
            Meeting.create({"cell_id": self.cell_c.id, "date": "2026-04-03"})

    def test_office_sees_members_of_subtree_only(self):
        """An office sees the members registered in its subtree only."""
        office = self.user_office_ward_1
        self.assertEqual(
            self.search_as(office, "party.member", self.members_unassigned),
            self.members_a | self.member_b1,
        )
        self.assertCannotRead(office, self.member_c1)
        self.assertCannotRead(office, self.member_agency)

    def test_office_and_secretary_read_the_cadres_assigned_to_their_cells(self):
        """Offices and secretaries read, but do not edit, the provincial
        cadres who attend their cells' meetings."""
        for user in (self.user_office_ward_1, self.user_secretary):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.search_as(user, "party.member", self.members),
                    self.members_a | (self.member_b1 if user == self.user_office_ward_1
                                      else self.env["party.member"])
                    | self.cadre | self.deputy,
                )
                with self.assertRaises(AccessError):
                    self.cadre.with_user(user).write({"card_number": "000"})
        self.assertCannotRead(self.user_office_ward_1, self.member_agency)

    def test_office_reads_but_cannot_write_provincial_decision(self):
        """An office reads a provincial decision assigning cadres to its cells,
        but cannot change it or its assignments."""
        office = self.user_office_ward_1
        draft = self.new_decision([(self.cadre, self.cell_b, "principal")])
        elsewhere = self.new_decision(
            [(self.cadre, self.cell_c, "principal")], name="201-QĐ/TU"
        )
        decisions = self.decision | draft
        self.assertEqual(
            self.search_as(office, "party.assignment.decision", decisions | elsewhere),
            decisions,
        )
        self.assertEqual(
            self.search_as(
                office, "party.assignment", (decisions | elsewhere).assignment_ids
            ),
            decisions.assignment_ids,
        )
        self.assertEqual(self.decision.with_user(office).name, "140-QĐ/TU")
        with self.assertRaises(AccessError):
            self.decision.with_user(office).check_access("write")
        with self.assertRaises(AccessError):
            draft.with_user(office).write({"subject": "Sửa"})
        with self.assertRaises(AccessError):
            draft.assignment_ids.with_user(office).write({"note": "Sửa"})
        with self.assertRaises(AccessError):
            draft.with_user(office).unlink()
        self.assertFalse(draft.subject)

    def test_office_and_secretary_read_assignments_to_their_cells(self):
        """An office and a cell secretary read who is assigned to their cells,
        cadres of the province included."""
        expected = ["Lê Thị Phó → Chi bộ thôn A", "Trần Văn Cán → Chi bộ thôn A"]
        for user in (self.user_office_ward_1, self.user_secretary):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                assignments = self.assignments.with_user(user)
                self.assertEqual(
                    sorted(line["display_name"] for line in assignments.read(["display_name"])),
                    expected,
                )

    def test_office_cannot_create_decision_of_other_issuer(self):
        """An office cannot issue a decision in the name of the province or of
        another ward."""
        Decision = self.env["party.assignment.decision"].with_user(
            self.user_office_ward_1
        )
        for issuer in (self.province, self.ward_2):
            with self.subTest(issuer=issuer.name), self.assertRaises(AccessError):
                Decision.create(
                    {"name": "300-QĐ/TU", "organization_id": issuer.id,
                     "date_effective": "2026-07-01"}
                )

    def test_office_creates_decision_of_own_ward(self):
        """An office issues its ward's decisions for the cells below it and
        puts them in force."""
        ward_cadre = self.env["party.member"].create(
            {"name": "Bùi Văn Huyện", "organization_id": self.cell_b.id}
        )
        decision = (
            self.env["party.assignment.decision"]
            .with_user(self.user_office_ward_1)
            .create(
                {
                    "name": "15-QĐ/ĐU",
                    "organization_id": self.ward_1.id,
                    "date_effective": "2026-02-01",
                    "assignment_ids": [
                        Command.create({"cadre_id": ward_cadre.id,
                                        "cell_id": self.cell_a.id}),
                        Command.create({"cadre_id": ward_cadre.id,
                                        "cell_id": self.cell_b.id}),
                    ],
                }
            )
        )
        decision.action_put_in_force()
        self.assertEqual(decision.state, "in_force")
        self.assertEqual(decision.assignment_ids.cell_id, self.cell_a | self.cell_b)
        self.assertEqual(set(decision.assignment_ids.mapped("state")), {"in_force"})

    def test_office_cannot_move_records_out_of_subtree(self):
        """An office cannot move what it manages out of its subtree: re-issue
        its decision in the province's name, move a meeting to another
        ward's cell, or move a cell under another ward."""
        office = self.user_office_ward_1
        decision = self.new_decision([], issuer=self.ward_1, name="16-QĐ/ĐU")
        meeting_b = self.create_meeting(self.cell_b, "2026-04-03")
        for records, vals in (
            (decision, {"organization_id": self.province.id}),
            (meeting_b, {"cell_id": self.cell_c.id}),
            (self.cell_b, {"parent_id": self.ward_2.id}),
        ):
            with self.subTest(model=records._name), self.assertRaises(AccessError):
                records.with_user(office).write(vals)
                records.flush_recordset()
        self.assertEqual(decision.organization_id, self.ward_1)
        self.assertEqual(meeting_b.cell_id, self.cell_b)
        self.assertEqual(self.cell_b.parent_id, self.ward_1)

    # ------------------------------------------------------------------
    # Provincial office
    # ------------------------------------------------------------------

    def test_office_province_sees_everything(self):
        """The provincial office sees and manages everything in the province."""
        office = self.user_office_province
        self.assertFindsEverything(office)
        self.meeting_c.with_user(office).write({"location": "Nhà văn hóa thôn C"})
        self.cell_c.with_user(office).write({"is_special": True})
        self.line_c1.with_user(office).write({"status": "present"})
        self.assertEqual(self.meeting_c.location, "Nhà văn hóa thôn C")
        self.assertTrue(self.cell_c.is_special)
        self.assertEqual(self.line_c1.status, "present")

    def test_office_subtree_follows_user_organizations(self):
        """When an office user's organizations change, the new subtree is
        visible at once and the old one no longer is."""
        office = self.user_office_ward_1
        self.assertEqual(self.search_as(office, "party.meeting", self.meetings), self.meeting_a)
        office.write({"party_organization_ids": [Command.set(self.ward_2.ids)]})
        self.assertEqual(self.search_as(office, "party.meeting", self.meetings), self.meeting_c)
        self.assertEqual(
            self.search_as(office, "party.member", self.members_unassigned), self.member_c1
        )
        office.write({"party_organization_ids": [Command.link(self.ward_1.id)]})
        self.assertEqual(self.search_as(office, "party.meeting", self.meetings), self.meetings)
        self.cell_a.with_user(office).write({"is_special": True})
        self.cell_c.with_user(office).write({"is_special": True})

    # ------------------------------------------------------------------
    # Assigned cadre
    # ------------------------------------------------------------------

    def test_cadre_sees_own_assignments_only(self):
        """A cadre sees their own assignments and the decision making them,
        not the assignments or decisions of others."""
        cadre = self.user_cadre
        self.assertEqual(
            self.search_as(cadre, "party.assignment", self.assignments),
            self.assignment_cadre,
        )
        self.assertCannotRead(cadre, self.assignment_deputy)
        self.assertEqual(
            self.search_as(self.user_deputy, "party.assignment", self.assignments),
            self.assignment_deputy,
        )
        other = self.new_decision([(self.deputy, self.cell_b, "principal")])
        self.assertEqual(
            self.search_as(cadre, "party.assignment.decision", self.decision | other),
            self.decision,
        )

    def test_cadre_sees_meetings_of_assigned_cells(self):
        """A cadre sees the meetings of the cells they are assigned to and their
        attendance, not those of other cells."""
        cadre = self.user_cadre
        self.assertEqual(self.search_as(cadre, "party.meeting", self.meetings), self.meeting_a)
        self.assertCannotRead(cadre, self.meeting_c)
        self.assertEqual(
            self.search_as(cadre, "party.meeting.attendance", self.lines), self.lines_a
        )
        self.assertCannotRead(cadre, self.line_c1)
        self.assertEqual(
            self.search_as(cadre, "party.member", self.members_a), self.members_a
        )
        self.assertCannotRead(cadre, self.member_c1)

    def test_cadre_records_own_attendance_only(self):
        """A cadre records their own attendance, not anyone else's, and does not
        change the meeting itself."""
        cadre = self.user_cadre
        self.line_cadre.with_user(cadre).write({"status": "present"})
        self.assertEqual(self.line_cadre.status, "present")
        self.assertTrue(self.meeting_a.cadre_attended)
        for line in (self.line_deputy, self.line_a1):
            with self.subTest(member=line.member_id.name), self.assertRaises(AccessError):
                line.with_user(cadre).write({"status": "present"})
        with self.assertRaises(AccessError):
            self.meeting_a.with_user(cadre).write({"location": "Nhà văn hóa"})
        with self.assertRaises(AccessError):
            self.line_cadre.with_user(cadre).unlink()

    def test_cadre_cannot_move_own_attendance_line(self):
        """A cadre records the status of their own line; they cannot move it to
        another cell's meeting (and so come to see that meeting) nor hand it
        to another member."""
        with self.assertRaises(UserError):
            self.line_cadre.with_user(self.user_cadre).write(
                {"meeting_id": self.meeting_c.id, "attendee_role": "member",
                 "assignment_id": False}
            )
            self.line_cadre.flush_recordset()
        self.assertEqual(self.line_cadre.meeting_id, self.meeting_a)
        self.assertEqual(
            self.search_as(self.user_cadre, "party.meeting", self.meetings), self.meeting_a
        )
        newcomer = self.env["party.member"].create(
            {"name": "Đinh Văn Ba", "organization_id": self.cell_a.id}
        )
        with self.assertRaises(UserError):
            self.line_deputy.with_user(self.user_deputy).write(
                {"member_id": newcomer.id, "attendee_role": "member",
                 "assignment_id": False}
            )
            self.line_deputy.flush_recordset()
        self.assertEqual(self.line_deputy.member_id, self.deputy)

    def test_cadre_cannot_create_meeting_or_decision(self):
        """A cadre creates neither meetings nor decisions."""
        cadre = self.user_cadre
        with self.assertRaises(AccessError):
            self.env["party.meeting"].with_user(cadre).create(
                {"cell_id": self.cell_a.id, "date": "2026-04-03"}
            )
        with self.assertRaises(AccessError):
            self.env["party.assignment.decision"].with_user(cadre).create(
                {"name": "300-QĐ/TU", "organization_id": self.province.id,
                 "date_effective": "2026-07-01"}
            )
        with self.assertRaises(AccessError):
            self.decision.with_user(cadre).check_access("write")

    def test_cadre_of_draft_decision_does_not_see_cell(self):
        """An assignment in a draft decision gives no sight of the cell's
        meetings; it does once the decision is in force."""
        cadre = self.user_cadre
        draft = self.new_decision([(self.cadre, self.cell_c, "principal")])
        self.assertEqual(self.search_as(cadre, "party.meeting", self.meetings), self.meeting_a)
        self.assertCannotRead(cadre, self.meeting_c)
        self.assertCannotRead(cadre, self.line_c1)
        self.assertCannotRead(cadre, self.member_c1)
        draft.action_put_in_force()
        self.assertEqual(self.search_as(cadre, "party.meeting", self.meetings), self.meetings)

    # ------------------------------------------------------------------
    # Cell secretary
    # ------------------------------------------------------------------

    def test_secretary_manages_meetings_of_own_cell(self):
        """A cell secretary reads, writes and plans the meetings of their own
        cell, and cannot see or plan those of another cell."""
        secretary = self.user_secretary
        self.assertEqual(
            self.search_as(secretary, "party.meeting", self.meetings), self.meeting_a
        )
        self.meeting_a.with_user(secretary).write({"location": "Nhà văn hóa thôn A"})
        self.assertEqual(self.meeting_a.location, "Nhà văn hóa thôn A")
        Meeting = self.env["party.meeting"].with_user(secretary)
        thematic = Meeting.create(
            {"cell_id": self.cell_a.id, "date": "2026-03-20", "kind": "thematic",
             "topic": "Học tập và làm theo tư tưởng Hồ Chí Minh"}
        )
        self.assertEqual(thematic.cell_id, self.cell_a)
        self.assertCannotRead(secretary, self.meeting_c)
        with self.assertRaises(AccessError):
            self.meeting_c.with_user(secretary).write({"location": "Nhà văn hóa"})
        with self.assertRaises(AccessError):
            Meeting.create({"cell_id": self.cell_c.id, "date": "2026-04-03"})

    def test_secretary_records_attendance_of_own_cell(self):
        """A cell secretary loads and records the attendance of their cell's
        meetings, not of other cells' meetings."""
        secretary = self.user_secretary
        self.line_a1.with_user(secretary).write({"status": "present"})
        self.line_a2.with_user(secretary).write(
            {"status": "absent_excused", "reason": "Đi công tác"}
        )
        self.line_cadre.with_user(secretary).write({"status": "present"})
        self.assertEqual(self.meeting_a.present_count, 1)
        self.assertEqual(self.meeting_a.excused_count, 1)
        self.assertTrue(self.meeting_a.cadre_attended)
        with self.assertRaises(AccessError):
            self.line_c1.with_user(secretary).write({"status": "present"})
        april = self.create_meeting(self.cell_a, "2026-04-03")
        april.with_user(secretary).action_load_attendance()
        self.assertEqual(
            april.attendance_ids.member_id, self.members_a | self.cadre | self.deputy
        )

    @freeze_time("2026-03-10")
    def test_secretary_is_told_whose_attendance_is_missing(self):
        """A cell secretary closing a meeting is told by name whose attendance
        is still to record, assigned cadres included, rather than refused."""
        (self.lines_a - self.line_cadre).write({"status": "present"})
        with self.assertRaises(UserError) as refused:
            self.meeting_a.with_user(self.user_secretary).action_mark_held()
        self.assertNotIsInstance(refused.exception, AccessError)
        self.assertIn("Trần Văn Cán", str(refused.exception))

    def test_secretary_reads_members_of_own_cell_only(self):
        """A cell secretary reads the members of their own cell only."""
        secretary = self.user_secretary
        self.assertEqual(
            self.search_as(secretary, "party.member", self.members_unassigned),
            self.members_a,
        )
        self.assertCannotRead(secretary, self.member_b1)
        self.assertCannotRead(secretary, self.member_c1)
        with self.assertRaises(AccessError):
            self.member_a1.with_user(secretary).write({"card_number": "123"})

    def test_secretary_cannot_write_decisions(self):
        """A cell secretary reads the decisions assigning cadres to their cell
        but neither writes nor creates decisions or assignments."""
        secretary = self.user_secretary
        draft = self.new_decision([(self.cadre, self.cell_b, "principal"),
                                   (self.deputy, self.cell_a, "principal")])
        elsewhere = self.new_decision(
            [(self.cadre, self.cell_b, "principal")], name="201-QĐ/TU"
        )
        self.assertEqual(
            self.search_as(
                secretary, "party.assignment.decision", self.decision | draft | elsewhere
            ),
            self.decision | draft,
        )
        self.assertEqual(
            self.search_as(secretary, "party.assignment", draft.assignment_ids),
            draft.assignment_ids.filtered(lambda a: a.cell_id == self.cell_a),
        )
        with self.assertRaises(AccessError):
            draft.with_user(secretary).write({"subject": "Sửa"})
        with self.assertRaises(AccessError):
            self.decision.with_user(secretary).check_access("write")
        with self.assertRaises(AccessError):
            self.env["party.assignment.decision"].with_user(secretary).create(
                {"name": "300-QĐ/TU", "organization_id": self.ward_1.id,
                 "date_effective": "2026-07-01"}
            )

    # ------------------------------------------------------------------
    # Party member
    # ------------------------------------------------------------------

    def test_member_reads_own_cell_meetings_only(self):
        """A member reads the meetings of their own cell, cannot change them,
        and cannot see other cells' meetings."""
        member = self.user_member
        self.assertEqual(self.search_as(member, "party.meeting", self.meetings), self.meeting_a)
        self.assertEqual(self.meeting_a.with_user(member).cell_id, self.cell_a)
        with self.assertRaises(AccessError):
            self.meeting_a.with_user(member).write({"location": "Nhà văn hóa"})
        with self.assertRaises(AccessError):
            self.env["party.meeting"].with_user(member).create(
                {"cell_id": self.cell_a.id, "date": "2026-04-03"}
            )
        self.assertCannotRead(member, self.meeting_c)

    def test_member_reads_members_of_own_cell_only(self):
        """A member reads the members of their own cell and the cadres assigned
        to it (they are on its roll call), not the members of other cells."""
        member = self.user_member
        self.assertEqual(
            self.search_as(member, "party.member", self.members),
            self.members_a | self.cadre | self.deputy,
        )
        self.assertCannotRead(member, self.member_agency)
        self.assertCannotRead(member, self.member_b1)
        self.assertCannotRead(member, self.member_c1)
        with self.assertRaises(AccessError):
            self.member_a2.with_user(member).write({"card_number": "123"})

    def test_member_reads_own_attendance(self):
        """A member reads their own attendance line, cannot change it, and sees
        no line of another cell's meetings."""
        member = self.user_member
        visible = self.search_as(member, "party.meeting.attendance", self.lines)
        self.assertIn(self.line_a1, visible)
        self.assertNotIn(self.line_c1, visible)
        self.assertEqual(self.line_a1.with_user(member).status, "pending")
        with self.assertRaises(AccessError):
            self.line_a1.with_user(member).write({"status": "present"})
        self.assertCannotRead(member, self.line_c1)

    def test_member_cannot_read_assignments_or_decisions(self):
        """A plain member reads neither assignments nor decisions."""
        member = self.user_member
        for records in (self.assignment_cadre, self.decision):
            with self.subTest(model=records._name):
                with self.assertRaises(AccessError):
                    self.env[records._name].with_user(member).search([])
                self.assertCannotRead(member, records)

    # ------------------------------------------------------------------
    # Manager
    # ------------------------------------------------------------------

    def test_manager_reads_and_writes_everything(self):
        """A manager reads, writes, creates and deletes everywhere."""
        manager = self.user_manager
        self.assertFindsEverything(manager)
        self.cell_c.with_user(manager).write({"is_special": True})
        self.member_c1.with_user(manager).write({"card_number": "C-001"})
        self.meeting_c.with_user(manager).write({"location": "Nhà văn hóa thôn C"})
        self.line_c1.with_user(manager).write({"status": "present"})
        draft = self.new_decision([(self.cadre, self.cell_c, "principal")])
        draft.with_user(manager).write({"subject": "Phân công dự sinh hoạt"})
        self.assertEqual(
            (self.cell_c.is_special, self.member_c1.card_number, self.meeting_c.location,
             self.line_c1.status, draft.subject),
            (True, "C-001", "Nhà văn hóa thôn C", "present", "Phân công dự sinh hoạt"),
        )
        meeting = self.env["party.meeting"].with_user(manager).create(
            {"cell_id": self.cell_agency.id, "date": "2026-04-03"}
        )
        meeting.unlink()
        draft.with_user(manager).unlink()
        self.assertFalse(meeting.exists() or draft.exists())
