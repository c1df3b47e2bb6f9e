"""18.0.3.0.0: the evaluations made before the schemes of Quy định
366-QĐ/TW were rated on the attendance and report rates: they keep that
scheme (their suggested rating stays what it was) and are yearly. The
time criterion of the shipped rubric now suggests its points from the
meeting's duration."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    rates = env.ref("party_cell_meeting.party_rating_scheme_rates")
    cr.execute(
        """
        UPDATE party_cadre_evaluation
           SET scheme_id = %s, period_type = COALESCE(period_type, 'year')
         WHERE scheme_id IS NULL
        """,
        [rates.id],
    )
    time_criterion = env.ref(
        "party_cell_meeting.party_score_criterion_42_time", raise_if_not_found=False
    )
    if time_criterion:
        cr.execute(
            "UPDATE party_score_criterion SET suggest_from = 'duration' "
            "WHERE id = %s AND suggest_from IS NULL",
            [time_criterion.id],
        )
