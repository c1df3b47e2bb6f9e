from odoo.tests import tagged

from .score_common import PartyScoreCase

EXCELLENT, GOOD, AVERAGE, POOR = 95, 80, 60, 40


@tagged("post_install", "-at_install")
class TestCellYear(PartyScoreCase):
    """The cell's year rolls up the confirmed scores of its regular meetings
    by the rules of the rubric."""

    def make_year(self, totals, cell=None, year=2026):
        """One held regular meeting a month; totals: a confirmed score per
        month, or None for a meeting without a confirmed sheet."""
        cell = cell or self.cell_b
        for month, total in enumerate(totals, start=1):
            meeting = self.held_meeting(cell, f"{year}-{month:02d}-03")
            if total is None:
                self.new_sheet(meeting, self.full_points(90)).action_submit()
            else:
                self.confirmed_sheet(meeting, total)

    def year_of(self, cell=None, year="2026"):
        self.env.flush_all()
        self.env["party.cell.year.score"].invalidate_model()
        return self.env["party.cell.year.score"].search(
            [("cell_id", "=", (cell or self.cell_b).id), ("year", "=", year)]
        )

    def test_excellent_year(self):
        self.make_year([EXCELLENT] * 7 + [GOOD] * 5)
        year = self.year_of()
        self.assertEqual(year.classification, "excellent")
        self.assertEqual(
            (year.meeting_count, year.scored_count, year.excellent_count, year.good_count),
            (12, 12, 7, 5),
        )
        self.assertEqual(year.template_id, self.template)
        self.assertAlmostEqual(year.average_total, (95 * 7 + 80 * 5) / 12)

    def test_six_excellent_is_a_good_year(self):
        self.make_year([EXCELLENT] * 6 + [GOOD] * 6)
        self.assertEqual(self.year_of().classification, "good")

    def test_one_average_meeting_makes_a_good_year(self):
        self.make_year([EXCELLENT] * 8 + [GOOD] * 3 + [AVERAGE])
        self.assertEqual(self.year_of().classification, "good")

    def test_one_poor_meeting_makes_an_average_year(self):
        self.make_year([EXCELLENT] * 8 + [GOOD] * 3 + [POOR])
        year = self.year_of()
        self.assertEqual(year.poor_count, 1)
        self.assertEqual(year.classification, "average")

    def test_meeting_without_confirmed_score_counts_against_the_year(self):
        self.make_year([EXCELLENT] * 11 + [None])
        year = self.year_of()
        self.assertEqual((year.scored_count, year.unscored_count), (11, 1))
        self.assertEqual(year.classification, "average")

    def test_only_regular_held_meetings_count(self):
        self.template.for_thematic = True
        self.make_year([EXCELLENT] * 7 + [GOOD] * 5)
        thematic = self.held_meeting(self.cell_b, "2026-05-20", kind="thematic")
        self.confirmed_sheet(thematic, POOR)
        self.create_meeting(self.cell_b, "2026-05-25", kind="extraordinary")
        year = self.year_of()
        self.assertEqual(year.meeting_count, 12)
        self.assertEqual(year.classification, "excellent")

    def test_rules_come_from_the_rubric(self):
        self.template.write({"year_excellent_count": 6, "year_good_floor": "good"})
        self.make_year([EXCELLENT] * 6 + [GOOD] * 6)
        self.assertEqual(self.year_of().classification, "excellent")
        self.make_year([EXCELLENT] * 11 + [AVERAGE], cell=self.cell_agency)
        self.assertEqual(self.year_of(self.cell_agency).classification, "average")

    def test_years_are_separate(self):
        self.make_year([EXCELLENT] * 7 + [GOOD] * 5)
        self.make_year([POOR], year=2027)
        self.assertEqual(self.year_of().classification, "excellent")
        self.assertEqual(self.year_of(year="2027").classification, "average")


@tagged("post_install", "-at_install")
class TestMemberYear(PartyScoreCase):
    """Members' flags for the year: any absence without excuse, more than 3
    excused absences in a row."""

    def attend(self, date, statuses):
        meeting = self.meeting_a if date == "2026-03-03" else self.held_meeting(self.cell_a, date)
        self.record_attendance(meeting, statuses)
        return meeting

    def flags(self, year="2026"):
        self.env.flush_all()
        self.env["party.member.year.attendance"].invalidate_model()
        rows = self.env["party.member.year.attendance"].search(
            [("cell_id", "=", self.cell_a.id), ("year", "=", year)]
        )
        return {row.member_id: row for row in rows}

    def test_flags(self):
        exempt = self.env["party.member"].create(
            {"name": "Cụ Miễn", "organization_id": self.cell_a.id, "is_exempt": True}
        )
        secretary, member_1, member_2 = self.secretary, self.member_a1, self.member_a2
        excused, present, unexcused = "absent_excused", "present", "absent_unexcused"
        plan = {
            # member_1: excused 4 times in a row; member_2: 3 in a row, twice
            "2025-12-03": (present, excused, excused),
            "2026-01-03": (present, excused, excused),
            "2026-02-03": (present, excused, excused),
            "2026-03-03": (present, excused, excused),
            "2026-04-03": (present, excused, present),
            "2026-05-03": (present, present, excused),
            "2026-06-03": (unexcused, present, excused),
            "2026-07-03": (present, present, excused),
        }
        for date, (status_s, status_1, status_2) in plan.items():
            self.attend(date, {secretary: status_s, member_1: status_1, member_2: status_2,
                               exempt: unexcused})
        # a planned meeting does not count
        planned = self.create_meeting(self.cell_a, "2026-08-03")
        self.record_attendance(planned, {member_2: excused})
        flags = self.flags()
        self.assertNotIn(exempt, flags)
        self.assertEqual(
            {member: (row.has_unexcused, row.has_excused_run, row.longest_excused_run,
                      row.is_flagged)
             for member, row in flags.items()},
            {
                secretary: (True, False, 0, True),
                member_1: (False, True, 4, True),
                member_2: (False, False, 3, False),
            },
        )
        self.assertEqual(
            (flags[member_2].meeting_count, flags[member_2].excused_count,
             flags[member_2].present_count),
            (7, 6, 1),
        )
        # last year is a year of its own
        last_year = self.flags("2025")
        self.assertEqual(last_year[member_1].longest_excused_run, 1)
        self.assertFalse(last_year[member_1].is_flagged)
