"""Time one month's generation of regular meetings three ways, in one run:

1. party_cell_meeting: party.meeting._generate_regular_meetings(period);
2. the SQL floor: the same meetings and cadre lines made by two bare
   INSERT ... SELECT statements, without batching, checks or commits;
3. Odoo's calendar.recurrence: one monthly recurring calendar.event per cell
   with its cadres as attendees (on a sample of cells, scaled linearly).

    python bench/bench_generation.py --db party_bench_province [--calendar-sample 1500]

Each way writes a month of its own; the rows of 1 are deleted afterwards,
those of 2 and 3 rolled back, so the database can be measured again.
Run it with Odoo's Python on a database made by bench/generate_data.py.
"""

import argparse
import os
import resource
import time

ODOO_PATH = os.environ.get("ODOO_PATH", "/opt/odoo/18.0")
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_addon(env, period):
    env.cr.commit()
    started = time.monotonic()
    meetings = env["party.meeting"]._generate_regular_meetings(period)
    env.cr.commit()
    elapsed = time.monotonic() - started
    env.cr.execute(
        "SELECT count(*) FROM party_meeting_attendance WHERE period = %s", [period]
    )
    lines = env.cr.fetchone()[0]
    env.cr.execute("DELETE FROM party_meeting WHERE period = %s", [period])
    env.cr.commit()
    return elapsed, len(meetings), lines


def bench_sql_floor(env, period):
    env.cr.commit()
    started = time.monotonic()
    env.cr.execute(
        """
        INSERT INTO party_meeting (cell_id, superior_id, company_id, date, period, kind,
                                   state, time_start, member_count, present_count,
                                   excused_count, unexcused_count, attendance_rate,
                                   cadre_attended)
        SELECT id, superior_id, company_id, %s, %s, 'regular', 'planned', 19.5,
               0, 0, 0, 0, 0, false
          FROM party_organization WHERE level = 'cell' AND active
        """,
        [f"{period}-03", period],
    )
    meetings = env.cr.rowcount
    env.cr.execute(
        """
        INSERT INTO party_meeting_attendance (meeting_id, cell_id, date, period, company_id,
                                              member_id, attendee_role, assignment_id, status)
        SELECT m.id, m.cell_id, m.date, m.period, m.company_id, a.cadre_id,
               'assigned_cadre', a.id, 'pending'
          FROM party_meeting m JOIN party_assignment a ON a.cell_id = m.cell_id
         WHERE m.period = %s AND a.state = 'in_force'
        """,
        [period],
    )
    lines = env.cr.rowcount
    elapsed = time.monotonic() - started
    env.cr.rollback()
    return elapsed, meetings, lines


def bench_calendar(env, period, sample):
    env.cr.execute(
        "SELECT id FROM party_organization WHERE level = 'cell' AND active ORDER BY id LIMIT %s",
        [sample],
    )
    cell_ids = [row[0] for row in env.cr.fetchall()]
    cells = env["party.organization"].browse(cell_ids)
    assignments = env["party.assignment"].search([("cell_id", "in", cell_ids)])
    # calendar attendees are partners: give the cadres one (not timed)
    cadres = assignments.cadre_id
    partners = env["res.partner"].create([{"name": cadre.name} for cadre in cadres])
    partner_of = dict(zip(cadres.ids, partners.ids, strict=True))
    attendees = {cell_id: [] for cell_id in cell_ids}
    for assignment in assignments:
        attendees[assignment.cell_id.id].append(partner_of[assignment.cadre_id.id])
    env.flush_all()
    started = time.monotonic()
    events = env["calendar.event"].with_context(no_mail_to_attendees=True).create(
        [
            {
                "name": cell.name,
                "start": f"{period}-03 12:30:00",
                "stop": f"{period}-03 14:30:00",
                "partner_ids": [(6, 0, attendees[cell.id])],
                "recurrency": True,
                "rrule_type": "monthly",
                "month_by": "date",
                "day": 3,
                "end_type": "count",
                "count": 1,
            }
            for cell in cells
        ]
    )
    env.flush_all()
    elapsed = time.monotonic() - started
    occurrences = len(events.recurrence_id.calendar_event_ids)
    attendee_lines = len(events.recurrence_id.calendar_event_ids.attendee_ids)
    env.cr.rollback()
    return elapsed, len(cell_ids), occurrences, attendee_lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--calendar-sample", type=int, default=1500,
                        help="cells given a calendar.recurrence (the time is scaled)")
    args = parser.parse_args()

    import odoo  # noqa: PLC0415 - Odoo is on ODOO_PATH, set up below

    odoo.tools.config.parse_config(
        [f"--addons-path={ODOO_PATH}/addons,{REPO}/addons", "-d", args.db, "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cells = env["party.organization"].search_count([("level", "=", "cell")])
        rss_before = peak_rss_mib()
        addon_time, addon_meetings, addon_lines = bench_addon(env, "2031-01")
        rss_after = peak_rss_mib()
        floor_time, floor_meetings, floor_lines = bench_sql_floor(env, "2031-02")
        calendar_time, sample, occurrences, attendee_lines = bench_calendar(
            env, "2031-03", min(args.calendar_sample, cells)
        )
    calendar_scaled = calendar_time * cells / sample
    print(f"database {args.db}: {cells} cells")
    print(f"party_cell_meeting  {addon_time:8.2f} s  {addon_meetings} meetings, "
          f"{addon_lines} cadre lines; peak RSS {rss_before:.0f} → {rss_after:.0f} MiB")
    print(f"SQL floor           {floor_time:8.2f} s  {floor_meetings} meetings, "
          f"{floor_lines} cadre lines")
    print(f"calendar.recurrence {calendar_time:8.2f} s  for {sample} cells ({occurrences} "
          f"occurrences, {attendee_lines} attendees); scaled to {cells} cells: "
          f"{calendar_scaled:.1f} s")
    print(f"ratio to the SQL floor: party_cell_meeting {addon_time / floor_time:.2f}×, "
          f"calendar.recurrence {calendar_scaled / floor_time:.0f}×")


if __name__ == "__main__":
    main()
