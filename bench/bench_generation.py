"""Time one month's generation of regular meetings five ways, in one run:

1. party_cell_meeting: party.meeting._generate_regular_meetings(period);
2. the SQL floor: the same meetings and cadre lines made by two bare
   INSERT ... SELECT statements, without batching, checks or commits;
3. the plain ORM: what an ordinary Odoo developer writes, the cells'
   assignments in force read once, then party.meeting.create() of batches of
   2,000 meetings with their cadres' lines, without mail tracking
   (tracking_disable);
4. the same with mail, as a default create() runs it (the "created"
   message and the tracking of each meeting);
5. Odoo's calendar.recurrence: one monthly recurring calendar.event per cell
   with its cadres as attendees (on a sample of cells, scaled linearly).

    python bench/bench_generation.py --db party_bench_province [--calendar-sample 1500] \
        [--orm-sample 15000]

Each way writes a month of its own; the rows of 1 are deleted afterwards,
those of the others rolled back, so the database can be measured again.
Run it with Odoo's Python on a database made by bench/generate_data.py.
"""

import argparse
import os
import time

from bench_common import loadavg, peak_rss_mib

ODOO_PATH = os.environ.get("ODOO_PATH", "/opt/odoo/18.0")
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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
                                              meeting_state, member_id, attendee_role,
                                              assignment_id, issuer_id, assignment_role, status)
        SELECT m.id, m.cell_id, m.date, m.period, m.company_id, m.state, a.cadre_id,
               'assigned_cadre', a.id, a.issuer_id, a.role, 'pending'
          FROM party_meeting m JOIN party_assignment a ON a.cell_id = m.cell_id
         WHERE m.period = %s AND a.state = 'in_force'
        """,
        [period],
    )
    lines = env.cr.rowcount
    elapsed = time.monotonic() - started
    env.cr.rollback()
    return elapsed, meetings, lines


def bench_orm(env, period, tracking, sample=None):
    """The meetings and their cadres' lines by batched ORM creates, for the
    first sample cells (all by default)."""
    from odoo import Command  # noqa: PLC0415 - Odoo is set up by main()
    from odoo.tools import split_every  # noqa: PLC0415
    Meeting = env["party.meeting"]
    if not tracking:
        Meeting = Meeting.with_context(tracking_disable=True)
    env.cr.execute("SAVEPOINT bench_orm")
    started = time.monotonic()
    cells = env["party.organization"].search([("level", "=", "cell")], order="id", limit=sample)
    lines_of = {cell_id: [] for cell_id in cells.ids}
    for assignment in env["party.assignment"].search(
        [("cell_id", "in", cells.ids), ("state", "=", "in_force")]
    ):
        lines_of[assignment.cell_id.id].append(
            Command.create({"member_id": assignment.cadre_id.id,
                            "attendee_role": "assigned_cadre",
                            "assignment_id": assignment.id})
        )
    meetings = 0
    for batch in split_every(2000, cells.ids):
        meetings += len(Meeting.create([
            {"cell_id": cell_id, "date": f"{period}-03", "kind": "regular",
             "attendance_ids": lines_of[cell_id]}
            for cell_id in batch
        ]))
        env.flush_all()
        env.invalidate_all()
    elapsed = time.monotonic() - started
    env.cr.execute(
        "SELECT count(*) FROM party_meeting_attendance WHERE period = %s", [period]
    )
    lines = env.cr.fetchone()[0]
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_orm")
    env.invalidate_all()
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
    parser.add_argument("--orm-sample", type=int,
                        help="cells made by the plain ORM (all by default; the time is scaled)")
    args = parser.parse_args()

    import odoo  # noqa: PLC0415 - Odoo is on ODOO_PATH, set up below

    odoo.tools.config.parse_config(
        [f"--addons-path={ODOO_PATH}/addons,{REPO}/addons", "-d", args.db, "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        load_before = loadavg()
        cells = env["party.organization"].search_count([("level", "=", "cell")])
        rss_before = peak_rss_mib()
        addon_time, addon_meetings, addon_lines = bench_addon(env, "2031-01")
        rss_after = peak_rss_mib()
        floor_time, floor_meetings, floor_lines = bench_sql_floor(env, "2031-02")
        orm = {
            tracking: bench_orm(env, period, tracking, args.orm_sample)
            for tracking, period in ((False, "2031-04"), (True, "2031-05"))
        }
        orm_scale = cells / orm[False][1]
        calendar_time, sample, occurrences, attendee_lines = bench_calendar(
            env, "2031-03", min(args.calendar_sample, cells)
        )
    calendar_scaled = calendar_time * cells / sample
    print(f"database {args.db}: {cells} cells")
    print(f"party_cell_meeting  {addon_time:8.2f} s  {addon_meetings} meetings, "
          f"{addon_lines} cadre lines; peak RSS {rss_before:.0f} → {rss_after:.0f} MiB")
    print(f"SQL floor           {floor_time:8.2f} s  {floor_meetings} meetings, "
          f"{floor_lines} cadre lines")
    for tracking, (orm_time, orm_meetings, orm_lines) in orm.items():
        label = "ORM create, mail " if tracking else "ORM create        "
        print(f"{label}  {orm_time:8.2f} s  {orm_meetings} meetings, {orm_lines} cadre lines; "
              f"scaled to {cells} cells: {orm_time * orm_scale:.1f} s, "
              f"{orm_time * orm_scale / addon_time:.1f}× party_cell_meeting")
    print(f"calendar.recurrence {calendar_time:8.2f} s  for {sample} cells ({occurrences} "
          f"occurrences, {attendee_lines} attendees); scaled to {cells} cells: "
          f"{calendar_scaled:.1f} s")
    print(f"ratio to the SQL floor: party_cell_meeting {addon_time / floor_time:.2f}×, "
          f"ORM create {orm[False][0] * orm_scale / floor_time:.1f}×, "
          f"with mail {orm[True][0] * orm_scale / floor_time:.1f}×, "
          f"calendar.recurrence {calendar_scaled / floor_time:.0f}×")
    print(f"load average before {load_before}, after {loadavg()}")


if __name__ == "__main__":
    main()
