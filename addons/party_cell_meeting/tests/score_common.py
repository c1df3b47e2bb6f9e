from odoo import Command, fields

from .common import PartyCellMeetingCase


class PartyScoreCase(PartyCellMeetingCase):
    """The shared fixture with a 100-point rubric of its own, in force from
    2025 for regular meetings everywhere (the shipped rubrics are archived):

    - time (5 points, required at maximum for excellent),
    - attendance (5 points, suggested from attendance),
    - content (90 points).

    meeting_a (cell_a) and meeting_c (cell_c) are held.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["party.score.template"].search([]).action_archive()
        cls.template = cls.env["party.score.template"].create(
            {
                "name": "Thang điểm thử",
                "date_from": "2025-01-01",
                "criterion_ids": [
                    Command.create({"sequence": 1, "name": "Thời gian", "max_points": 5,
                                    "must_be_max": True}),
                    Command.create({"sequence": 2, "name": "Số lượng đảng viên dự",
                                    "max_points": 5, "suggest_from": "attendance"}),
                    Command.create({"sequence": 3, "name": "Nội dung", "max_points": 90}),
                ],
            }
        )
        cls.crit_time, cls.crit_attendance, cls.crit_content = cls.template.criterion_ids
        (cls.meeting_a | cls.meeting_c).state = "held"

    @classmethod
    def held_meeting(cls, cell, date, kind="regular", **values):
        meeting = cls.create_meeting(cell, date, kind=kind, **values)
        meeting.state = "held"
        return meeting

    def new_sheet(self, meeting, points=None, user=None):
        """A score sheet for meeting, as user; points: {criterion: points}."""
        Score = self.env["party.meeting.score"]
        score = (Score.with_user(user) if user else Score).create({"meeting_id": meeting.id})
        if points:
            self.set_points(score, points)
        return score

    @staticmethod
    def set_points(score, points, field_name="points"):
        for line in score.line_ids:
            if line.criterion_id in points:
                line[field_name] = points[line.criterion_id]

    def full_points(self, total):
        """Points reaching total with time and attendance at maximum."""
        return {self.crit_time: 5, self.crit_attendance: 5, self.crit_content: total - 10}

    def confirmed_sheet(self, meeting, total):
        score = self.new_sheet(meeting, self.full_points(total))
        score.action_submit()
        score.action_confirm()
        return score

    @staticmethod
    def record_attendance(meeting, statuses):
        """statuses: {member: status}; excused absences get a reason."""
        meeting.env["party.meeting.attendance"].create(
            [
                {
                    "meeting_id": meeting.id,
                    "member_id": member.id,
                    "status": status,
                    "reason": "Ốm" if status == "absent_excused" else False,
                }
                for member, status in statuses.items()
            ]
        )

    @staticmethod
    def date(value):
        return fields.Date.to_date(value)
