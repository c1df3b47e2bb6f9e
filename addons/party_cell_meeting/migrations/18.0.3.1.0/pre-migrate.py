"""18.0.3.1.0: the calendar shows each meeting at its hours, from the stored
planned span in UTC (calendar_start, calendar_stop). Filled here in one
statement per column, as _compute_calendar_span would fill them (the start in
the company's time zone, two hours when no end is planned), so that the ORM
does not compute them meeting by meeting on a national database."""


def migrate(cr, version):
    # time_end came with 18.0.3.0.0, whose schema is made after every pre-migrate
    # of a database upgraded from older: add it as the ORM would (double precision)
    cr.execute(
        """
        ALTER TABLE party_meeting
            ADD COLUMN IF NOT EXISTS time_end double precision,
            ADD COLUMN IF NOT EXISTS calendar_start timestamp,
            ADD COLUMN IF NOT EXISTS calendar_stop timestamp
        """
    )
    cr.execute(
        """
        UPDATE party_meeting meeting
           SET calendar_start = (
                   (meeting.date
                    + make_interval(mins => round(coalesce(meeting.time_start, 0) * 60)::int))
                   AT TIME ZONE coalesce(company_tz.tz, 'Asia/Ho_Chi_Minh')
               ) AT TIME ZONE 'UTC'
          FROM (SELECT company.id, partner.tz
                  FROM res_company company
                  JOIN res_partner partner ON partner.id = company.partner_id) AS company_tz
         WHERE company_tz.id = meeting.company_id AND meeting.date IS NOT NULL
        """
    )
    cr.execute(
        """
        UPDATE party_meeting
           SET calendar_stop = calendar_start + make_interval(secs => 3600 * CASE
                   WHEN coalesce(time_end, 0) <> 0 THEN time_end - coalesce(time_start, 0)
                   ELSE 2 END)
         WHERE calendar_start IS NOT NULL
        """
    )
    cr.execute(
        "CREATE INDEX IF NOT EXISTS party_meeting__calendar_start_index "
        "ON party_meeting (calendar_start)"
    )
