"""Create a benchmark database: party_cell_meeting (and calendar, to compare
with calendar.recurrence) installed without demo data, filled by COPY with
an organization tree, members, cadres and assignments in force.

    python bench/generate_data.py --scale province --db party_bench_province
    python bench/generate_data.py --scale national --db party_bench_national
    python bench/generate_data.py --db party_bench_national --add-year 2025

The tree is the structure of 1 July 2025: communes and wards directly under
their province, cells directly under their commune, which is their superior
committee. province: 1 province, 150 communes, 1,500 cells, 60,000 members,
500 cadres. region (a third size, for growth): 10 provinces of 100 communes
of 15 cells (15,000 cells). national: 34 provinces of 100 communes (3,400 communes), 15 cells
each (51,000 cells), 1,020,000 members, 17,000 cadres. Every cell gets a principal cadre (a
cadre attends three cells) and every fourth cell a deputy.
--add-year YEAR adds, to a database filled so (after the others, or alone on
an existing one, upgraded to the current addon), a year of held regular
meetings with their outcome, by INSERT ... SELECT: each cell's meeting of
every month with its members' counts (no member lines), its cadres'
attendance lines (85% present, 10% excused, 5% unexcused), their reports
(80% on time, 10% late, 10% never submitted), a proposal at every tenth
meeting in each state in turn, and a confirmed score sheet of the
installed rubric for every meeting (without lines). Deterministic: the
outcome is chosen from the row ids.
Run it with Odoo's Python; ODOO_PATH defaults to /opt/odoo/18.0.
"""

import argparse
import io
import os
import subprocess
import sys
import time

import psycopg2

ODOO_PATH = os.environ.get("ODOO_PATH", "/opt/odoo/18.0")
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SCALES = {
    # provinces, communes per province, cells per commune, members per cell,
    # cadres per province
    "province": (1, 150, 10, 40, 500),
    "region": (10, 100, 15, 20, 500),
    "national": (34, 100, 15, 20, 500),
}


def install(db):
    subprocess.run(["dropdb", "--if-exists", db], check=True)
    subprocess.run(
        [
            sys.executable, f"{ODOO_PATH}/odoo-bin",
            f"--addons-path={ODOO_PATH}/addons,{REPO}/addons",
            "-d", db, "-i", "party_cell_meeting,calendar", "--without-demo=all",
            "--stop-after-init", "--log-level=warn",
        ],
        check=True,
    )


def copy_rows(cr, table, columns, rows):
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if value is None else str(value) for value in row))
        buffer.write("\n")
    buffer.seek(0)
    cr.copy_from(buffer, table, columns=columns)


def fill(db, scale):
    provinces, communes, cells_per_commune, members_per_cell, cadres = SCALES[scale]
    connection = psycopg2.connect(dbname=db)
    cr = connection.cursor()
    cr.execute("SELECT id FROM res_company ORDER BY id LIMIT 1")
    company_id = cr.fetchone()[0]
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM party_organization")
    next_id = cr.fetchone()[0] + 1

    # id, name, code, level, cell_type, parent_id, parent_path, complete_name, superior_id
    organizations = []
    cells_by_province = []
    for p in range(provinces):
        province_id = next_id
        next_id += 1
        province_name = f"Đảng bộ tỉnh {p + 1}"
        organizations.append((province_id, province_name, f"P{p}", "provincial", None, None,
                              f"{province_id}/", province_name, province_id))
        province_cells = []
        for g in range(communes):
            commune_id = next_id
            next_id += 1
            commune_name = f"Đảng bộ xã {p + 1}.{g + 1}"
            commune_path = f"{province_id}/{commune_id}/"
            commune_full = f"{province_name} / {commune_name}"
            organizations.append((commune_id, commune_name, f"P{p}G{g}", "commune",
                                  None, province_id, commune_path, commune_full, commune_id))
            for c in range(cells_per_commune):
                cell_id = next_id
                next_id += 1
                cell_name = f"Chi bộ thôn {p + 1}.{g + 1}.{c + 1}"
                organizations.append((cell_id, cell_name, f"P{p}G{g}C{c}", "cell",
                                      "residential", commune_id, f"{commune_path}{cell_id}/",
                                      f"{commune_full} / {cell_name}", commune_id))
                province_cells.append(cell_id)
        cells_by_province.append((province_id, province_cells))
    copy_rows(
        cr, "party_organization",
        ("id", "name", "code", "level", "cell_type", "parent_id", "parent_path",
         "complete_name", "superior_id", "company_id", "active", "is_special"),
        (row + (company_id, True, False) for row in organizations),
    )
    cr.execute("SELECT setval('party_organization_id_seq', %s)", [next_id])

    cr.execute("SELECT COALESCE(MAX(id), 0) FROM party_member")
    member_id = cr.fetchone()[0] + 1
    members = []
    cadres_by_province = []
    for _province_id, province_cells in cells_by_province:
        for cell_id in province_cells:
            for _ in range(members_per_cell):
                members.append((member_id, f"Đảng viên {member_id}", cell_id, False))
                member_id += 1
        # the cadres are members of the province's first cells, as agency cells are
        cadre_ids = [member_id + k for k in range(cadres)]
        for k, cadre in enumerate(cadre_ids):
            home_cell = province_cells[k % len(province_cells)]
            members.append((cadre, f"Cán bộ {cadre}", home_cell, True))
        member_id += cadres
        cadres_by_province.append(cadre_ids)
    copy_rows(
        cr, "party_member",
        ("id", "name", "organization_id", "is_cadre", "company_id", "status", "active",
         "is_exempt"),
        (row + (company_id, "official", True, False) for row in members),
    )
    cr.execute("SELECT setval('party_member_id_seq', %s)", [member_id])

    cr.execute("SELECT COALESCE(MAX(id), 0) FROM party_assignment_decision")
    decision_id = cr.fetchone()[0] + 1
    decisions, assignments = [], []
    for (province_id, province_cells), cadre_ids in zip(cells_by_province, cadres_by_province,
                                                        strict=True):
        decisions.append((decision_id, f"140-QĐ/TU-{province_id}", province_id))
        for index, cell_id in enumerate(province_cells):
            assignments.append((decision_id, cadre_ids[index // 3 % len(cadre_ids)], cell_id,
                                "principal", province_id))
            if index % 4 == 0:
                assignments.append((decision_id, cadre_ids[(index // 3 + 1) % len(cadre_ids)],
                                    cell_id, "deputy", province_id))
        decision_id += 1
    copy_rows(
        cr, "party_assignment_decision",
        ("id", "name", "organization_id", "company_id", "kind", "date", "date_effective",
         "state"),
        (row + (company_id, "decision", "2018-06-29", "2018-07-01", "in_force")
         for row in decisions),
    )
    cr.execute("SELECT setval('party_assignment_decision_id_seq', %s)", [decision_id])
    copy_rows(
        cr, "party_assignment",
        ("decision_id", "cadre_id", "cell_id", "role", "issuer_id", "company_id", "date_start",
         "state"),
        (row + (company_id, "2018-07-01", "in_force") for row in assignments),
    )
    # superior_id of assignments, as the ORM stores it
    cr.execute(
        "UPDATE party_assignment a SET superior_id = c.superior_id "
        "FROM party_organization c WHERE c.id = a.cell_id"
    )
    connection.commit()
    cr.execute("ANALYZE")
    connection.commit()
    counts = {}
    for table in ("party_organization", "party_member", "party_assignment"):
        cr.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed table names
        counts[table] = cr.fetchone()[0]
    connection.close()
    return counts


YEAR_SQL = (
    # the meetings, held on the 3rd, with 20 members due and 15 to 20 present
    """
    INSERT INTO party_meeting (cell_id, superior_id, company_id, date, period, kind, state,
                               time_start, member_count, present_count, excused_count,
                               unexcused_count, attendance_rate, cadre_attended,
                               create_date, write_date)
    SELECT c.id, c.superior_id, c.company_id, make_date(%(year)s, m, 3),
           to_char(make_date(%(year)s, m, 1), 'YYYY-MM'), 'regular', 'held', 19.5,
           20, 15 + (c.id + m) %% 6, (5 - (c.id + m) %% 6) / 2,
           5 - (c.id + m) %% 6 - (5 - (c.id + m) %% 6) / 2,
           5 * (15 + (c.id + m) %% 6), false, now(), now()
      FROM party_organization c CROSS JOIN generate_series(1, 12) m
     WHERE c.level = 'cell' AND c.active
    ON CONFLICT DO NOTHING
    """,
    # the assigned cadres' lines
    """
    INSERT INTO party_meeting_attendance (meeting_id, cell_id, date, period, company_id,
                                          meeting_state, member_id, attendee_role,
                                          assignment_id, issuer_id, assignment_role, status,
                                          reason, create_date, write_date)
    SELECT m.id, m.cell_id, m.date, m.period, m.company_id, m.state, a.cadre_id,
           'assigned_cadre', a.id, a.issuer_id, a.role,
           CASE WHEN (m.id + a.id) %% 20 < 17 THEN 'present'
                WHEN (m.id + a.id) %% 20 < 19 THEN 'absent_excused'
                ELSE 'absent_unexcused' END,
           CASE WHEN (m.id + a.id) %% 20 IN (17, 18) THEN 'Đi công tác' END, now(), now()
      FROM party_meeting m
      JOIN party_assignment a ON a.cell_id = m.cell_id AND a.state = 'in_force'
     WHERE m.date >= make_date(%(year)s, 1, 1) AND m.date < make_date(%(year)s + 1, 1, 1)
       AND m.kind = 'regular' AND m.state = 'held'
    ON CONFLICT DO NOTHING
    """,
    """
    UPDATE party_meeting m SET cadre_attended = true
     WHERE m.date >= make_date(%(year)s, 1, 1) AND m.date < make_date(%(year)s + 1, 1, 1)
       AND EXISTS (SELECT 1 FROM party_meeting_attendance a WHERE a.meeting_id = m.id
                   AND a.attendee_role = 'assigned_cadre' AND a.status = 'present')
    """,
    # their reports, due on the 10th
    """
    INSERT INTO party_meeting_report (meeting_id, assignment_id, cadre_id, cell_id, superior_id,
                                      company_id, meeting_date, period, date_deadline,
                                      date_submitted, state, is_late, member_total,
                                      member_present, member_excused, member_unexcused,
                                      member_exempt, create_date, write_date)
    SELECT l.meeting_id, l.assignment_id, l.member_id, l.cell_id, m.superior_id, l.company_id,
           l.date, l.period, l.date + 7,
           CASE WHEN l.id %% 10 < 8 THEN l.date + 5 WHEN l.id %% 10 = 8 THEN l.date + 12 END,
           CASE WHEN l.id %% 10 < 9 THEN 'submitted' ELSE 'draft' END,
           l.id %% 10 = 8, 20, m.present_count, m.excused_count, m.unexcused_count, 0,
           now(), now()
      FROM party_meeting_attendance l JOIN party_meeting m ON m.id = l.meeting_id
     WHERE l.date >= make_date(%(year)s, 1, 1) AND l.date < make_date(%(year)s + 1, 1, 1)
       AND l.attendee_role = 'assigned_cadre' AND l.status = 'present'
    ON CONFLICT DO NOTHING
    """,
    # a proposal at every tenth meeting, in each state in turn
    """
    INSERT INTO party_proposal (name, description, category, meeting_id, cell_id, superior_id,
                                company_id, date_raised, state, is_overdue, create_date,
                                write_date)
    SELECT 'Kiến nghị ' || m.id, 'Đề nghị sửa chữa đường liên thôn trước mùa mưa.', 'other',
           m.id, m.cell_id, m.superior_id, m.company_id, m.date,
           (ARRAY['new', 'assigned', 'in_progress', 'resolved', 'rejected'])[m.id / 10 %% 5 + 1],
           false, now(), now()
      FROM party_meeting m
     WHERE m.date >= make_date(%(year)s, 1, 1) AND m.date < make_date(%(year)s + 1, 1, 1)
       AND m.id %% 10 = 0
    """,
    # a confirmed score sheet for every meeting
    """
    INSERT INTO party_meeting_score (meeting_id, cell_id, superior_id, company_id, date, period,
                                     year, kind, template_id, state, self_total, total,
                                     self_classification, classification, create_date,
                                     write_date)
    SELECT m.id, m.cell_id, m.superior_id, m.company_id, m.date, m.period,
           to_char(m.date, 'YYYY'), m.kind, t.id, 'confirmed', s.total, s.total, s.class, s.class,
           now(), now()
      FROM party_meeting m
      CROSS JOIN LATERAL (SELECT id FROM party_score_template ORDER BY id LIMIT 1) t
      CROSS JOIN LATERAL (SELECT 60 + m.id %% 40 AS total,
                                 CASE WHEN m.id %% 40 >= 30 THEN 'excellent'
                                      WHEN m.id %% 40 >= 15 THEN 'good'
                                      ELSE 'average' END AS class) s
     WHERE m.date >= make_date(%(year)s, 1, 1) AND m.date < make_date(%(year)s + 1, 1, 1)
    ON CONFLICT DO NOTHING
    """,
)


def add_year(db, year):
    """Add the year, each statement followed by an ANALYZE of what it wrote:
    the next one is planned on the rows the last one added (planned on the
    statistics of an empty year, the UPDATE of the meetings looked each
    meeting's lines up by a sequential scan, for minutes nationally)."""
    connection = psycopg2.connect(dbname=db)
    cr = connection.cursor()
    for statement in YEAR_SQL:
        started = time.monotonic()
        cr.execute(statement, {"year": year})
        rows = cr.rowcount
        words = statement.split()  # INSERT INTO table … / UPDATE table …
        table = words[2] if words[0] == "INSERT" else words[1]
        cr.execute(f"ANALYZE {table}")
        print(f"  {words[0]} {table}: {rows} rows in {time.monotonic() - started:.1f} s")
    connection.commit()
    counts = {}
    for table in ("party_meeting", "party_meeting_attendance", "party_meeting_report",
                  "party_proposal", "party_meeting_score"):
        cr.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed table names
        counts[table] = cr.fetchone()[0]
    connection.close()
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES))
    parser.add_argument("--db", required=True)
    parser.add_argument("--add-year", type=int, help="add a year of held meetings")
    args = parser.parse_args()
    if args.scale or not args.add_year:
        started = time.monotonic()
        install(args.db)
        installed = time.monotonic()
        counts = fill(args.db, args.scale or "province")
        print(f"{args.db}: installed in {installed - started:.0f} s, "
              f"filled in {time.monotonic() - installed:.0f} s: {counts}")
    if args.add_year:
        started = time.monotonic()
        counts = add_year(args.db, args.add_year)
        print(f"{args.db}: year {args.add_year} added in {time.monotonic() - started:.0f} s: "
              f"{counts}")


if __name__ == "__main__":
    main()
