"""18.0.3.0.0: a cadre is evaluated for a year or for a quarter (Kết luận
198-KL/TW), so the old one-a-year constraint gives way to a unique index on
the period (created by the model's init)."""


def migrate(cr, version):
    cr.execute(
        "ALTER TABLE party_cadre_evaluation "
        "DROP CONSTRAINT IF EXISTS party_cadre_evaluation_organization_cadre_year_uniq"
    )
