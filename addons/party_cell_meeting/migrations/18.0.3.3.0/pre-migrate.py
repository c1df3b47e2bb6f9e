"""18.0.3.3.0: an attendance line stores its meeting's state and its
assignment's committee and role, which the cadres' statistics read from the
line alone. The columns are made and filled here, in one statement: left
to the ORM, the new stored fields would be computed line by line for every
line of every meeting."""


def migrate(cr, version):
    cr.execute(
        """
        ALTER TABLE party_meeting_attendance
            ADD COLUMN IF NOT EXISTS meeting_state varchar,
            ADD COLUMN IF NOT EXISTS issuer_id integer,
            ADD COLUMN IF NOT EXISTS assignment_role varchar
        """
    )
    # one pass over the lines: each UPDATE rewrites every row it touches
    cr.execute(
        """
        UPDATE party_meeting_attendance line
           SET meeting_state = source.state,
               issuer_id = source.issuer_id,
               assignment_role = source.role
          FROM (SELECT attendance.id, meeting.state, assignment.issuer_id, assignment.role
                  FROM party_meeting_attendance attendance
                  JOIN party_meeting meeting ON meeting.id = attendance.meeting_id
             LEFT JOIN party_assignment assignment
                    ON assignment.id = attendance.assignment_id) source
         WHERE source.id = line.id
        """
    )
    # the statistics plan their reads on these columns right after the update
    cr.execute("ANALYZE party_meeting_attendance")
