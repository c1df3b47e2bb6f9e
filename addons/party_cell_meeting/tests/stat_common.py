from freezegun import freeze_time

from odoo import Command

from .common_report import PartyReportCase


class PartyStatCase(PartyReportCase):
    """A first half of 2026 to count, on top of the report fixture:

    cell_a (ward_1), cadre principal and deputy assigned by the province:
      - March: cadre present, report on time (8/3); deputy excused; member_a2
        absent without reason; proposals: one resolved, one rejected, one
        assigned, one new; score confirmed (excellent, 95);
      - April: cadre absent without reason; deputy present, report late
        (15/4, due 10/4);
      - May: both present; the cadre's report never submitted, the deputy's
        on time (9/5);
      - June: cancelled; July: planned, not held.
    cell_c (ward_2), the ward's own cadre assigned by Đảng ủy xã Hai:
      - March: present, report late (20/3).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Member = cls.env["party.member"]
        cls.cadre_d2 = Member.create(
            {"name": "Ngô Văn Huyện", "organization_id": cls.cell_agency.id}
        )
        cls.env["party.position"].create(
            {"member_id": cls.cadre_d2.id, "organization_id": cls.ward_2.id,
             "role": "committee_member"}
        )
        cls.decision_d2 = cls.env["party.assignment.decision"].create(
            {
                "name": "12-QĐ/ĐU",
                "organization_id": cls.ward_2.id,
                "date": "2025-12-20",
                "date_effective": "2026-01-01",
                "assignment_ids": [
                    Command.create({"cadre_id": cls.cadre_d2.id, "cell_id": cls.cell_c.id,
                                    "role": "principal"}),
                ],
            }
        )
        cls.decision_d2.action_put_in_force()

        # March, cell_a: attendance recorded by the report fixture
        with freeze_time("2026-03-03"):
            cls.meeting_a.action_mark_held()
        cls.report_a_cadre = cls.meeting_a.report_ids
        with freeze_time("2026-03-08"):
            cls.report_a_cadre.action_submit()

        # March, cell_c
        cls.hold(cls.meeting_c, {})
        cls.report_c = cls.meeting_c.report_ids
        with freeze_time("2026-03-20"):
            cls.report_c.action_submit()

        # April, cell_a
        cls.meeting_a_apr = cls.create_meeting(cls.cell_a, "2026-04-03")
        cls.hold(cls.meeting_a_apr, {cls.cadre: "absent_unexcused"})
        cls.report_a_apr_deputy = cls.meeting_a_apr.report_ids
        with freeze_time("2026-04-15"):
            cls.report_a_apr_deputy.action_submit()

        # May, cell_a
        cls.meeting_a_may = cls.create_meeting(cls.cell_a, "2026-05-03")
        cls.hold(cls.meeting_a_may, {cls.member_a1: "absent_excused"})
        reports = cls.meeting_a_may.report_ids
        cls.report_a_may_cadre = reports.filtered(lambda r: r.cadre_id == cls.cadre)
        cls.report_a_may_deputy = reports - cls.report_a_may_cadre
        with freeze_time("2026-05-09"):
            cls.report_a_may_deputy.action_submit()

        # June cancelled, July planned
        cls.meeting_a_jun = cls.create_meeting(cls.cell_a, "2026-06-03")
        cls.meeting_a_jun.action_cancel()
        cls.meeting_a_jul = cls.create_meeting(cls.cell_a, "2026-07-03")

        # proposals of March in every state
        Proposal = cls.env["party.proposal"]
        description = (
            "Đường bê tông thôn A dài 500 m bị hư hỏng, đề nghị xã sửa chữa trước mùa mưa."
        )
        cls.proposals = Proposal.create(
            [
                {"name": name, "description": description, "meeting_id": cls.meeting_a.id,
                 "report_id": cls.report_a_cadre.id, "authority_id": cls.authority_commune.id}
                for name in ("Sửa đường", "Cấp đất", "Lắp đèn", "Nạo vét kênh")
            ]
        )
        resolved, rejected, assigned, _new = cls.proposals
        with freeze_time("2026-03-12"):
            (resolved | rejected | assigned).action_assign()
        with freeze_time("2026-03-25"):
            resolved.resolution = "Đã đưa vào kế hoạch."
            resolved.action_resolve()
            rejected.resolution = "Không thuộc thẩm quyền của xã."
            rejected.action_reject()

        # March score of cell_a, confirmed: 95 of 100
        cls.env["party.score.template"].search([]).action_archive()
        cls.template = cls.env["party.score.template"].create(
            {
                "name": "Thang điểm thống kê",
                "date_from": "2025-01-01",
                "criterion_ids": [Command.create({"sequence": 1, "name": "Nội dung",
                                                  "max_points": 100})],
            }
        )
        cls.score_a = cls.env["party.meeting.score"].create({"meeting_id": cls.meeting_a.id})
        cls.score_a.line_ids.points = 95
        cls.score_a.action_submit()
        cls.score_a.action_confirm()

    @classmethod
    def hold(cls, meeting, statuses):
        """Load the attendance of meeting, record statuses ({member: status};
        everyone else present) and mark it held on its day."""
        with freeze_time(meeting.date):
            meeting.action_load_attendance()
            for line in meeting.attendance_ids:
                status = statuses.get(line.member_id, "present")
                reason = "Đi công tác" if status == "absent_excused" else False
                line.write({"status": status, "reason": reason})
            meeting.action_mark_held()

    def refresh_views(self):
        self.env.flush_all()
        for model in ("party.cadre.stat", "party.cell.month.stat"):
            self.env[model].invalidate_model()
