"""Time the analytics of issue 6 on a database filled by bench/generate_data.py
with a year of meetings (--add-year):

1. statistics of a superior committee (a commune or ward since 7/2025), as
   its office (record rules on): the cells month by month grouped by cell,
   and the monthly consolidation of the year; every superior committee of
   the first province, the slowest reported;
2. the year-end figures: the cadres' statistics of a province as its
   office, of the whole country as administrator, and the preparation of a
   province's evaluations (created, then rolled back);
3. the consolidation PDF of the organization with the most cells below it
   (a province of 1,500 cells on the province-scale set), through
   wkhtmltopdf;
4. an XLSX of the cells month by month for the first --xlsx-months months
   of the year, of the first province as its office (or, --xlsx-all-cells,
   of every cell as administrator: 100,800 rows nationally for two months),
   through the wizard's workbook code, beside its floor measured in the same
   run (the same rows and columns, already read, written by plain xlsxwriter
   in constant_memory mode), with the growth of the peak resident memory of
   each, and the same workbook prepared as the background job.

    python bench/bench_analytics.py --db issue6_bench_national --year 2025
    python bench/bench_analytics.py --db issue6_bench_province --year 2025 --pdf \
        --report-url http://localhost:8079   # an odoo-bin --http-port 8079 of that database

Each figure is the median of --runs runs (the first, cold, reported apart).
The slowest superior committee's consolidation and the province's cadre
statistics are also given against their SQL floor, measured in the same run
(bare SELECTs over the tables with the scope written in, no ORM and no rules),
and the province's statistics against the same province on --compare-db (a
province-scale database). --plans DIR writes EXPLAIN (ANALYZE, BUFFERS) of
their queries, as the office, into DIR. The load average is printed before
and after. Everything is rolled back. Run it with Odoo's Python.
"""

import argparse
import calendar
import gc
import os
import resource
import statistics
import tempfile
import time

from bench_common import loadavg

ODOO_PATH = os.environ.get("ODOO_PATH", "/opt/odoo/18.0")
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(function, runs):
    """(first run, median of the others, last result) in seconds."""
    times, result = [], None
    for _ in range(runs + 1):
        started = time.monotonic()
        result = function()
        times.append(time.monotonic() - started)
    return times[0], statistics.median(times[1:]), result


class QueryLog:
    """The SQL Odoo's cursors run in a block, as sent to PostgreSQL."""

    def __enter__(self):
        from odoo.sql_db import Cursor  # noqa: PLC0415 - Odoo is set up by main()

        self.queries, self.original = [], Cursor.execute
        queries, original = self.queries, self.original

        def execute(cursor, query, params=None, log_exceptions=True):
            queries.append(cursor.mogrify(query, params).decode())
            return original(cursor, query, params, log_exceptions)

        Cursor.execute = execute
        return self

    def __exit__(self, *exc):
        from odoo.sql_db import Cursor  # noqa: PLC0415

        Cursor.execute = self.original


def write_plans(env, path, queries, tables):
    """EXPLAIN (ANALYZE, BUFFERS) of the queries reading any of the tables."""
    with open(path, "w", encoding="utf-8") as file:
        file.write(f"-- {env.cr.dbname}, load average {loadavg()}\n")
        for query in queries:
            if not query.startswith("SELECT") or not any(f'"{table}"' in query for table in tables):
                continue
            env.cr.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query}")
            file.write(f"\n{query}\n\n")
            file.write("\n".join(row[0] for row in env.cr.fetchall()) + "\n")


def consolidation_floor(env, cell_ids, date_from, date_to):
    """The consolidation's figures by bare SQL: the cells' months summed by
    cell, their proposals by state, the cells counted."""
    cr = env.cr
    cr.execute(
        """SELECT cell_id, sum(held_count), sum(regular_held_count), sum(member_count),
                  sum(present_count), sum(report_due_count), sum(report_on_time_count),
                  sum(excellent_count), sum(proposal_count)
             FROM party_cell_month_stat
            WHERE cell_id = ANY(%s) AND period BETWEEN %s AND %s
         GROUP BY cell_id""",
        [cell_ids, date_from[:7], date_to[:7]],
    )
    rows = cr.fetchall()
    cr.execute(
        """SELECT p.state, count(*) FROM party_proposal p
             JOIN party_meeting m ON m.id = p.meeting_id
            WHERE p.cell_id = ANY(%s) AND m.cell_id = ANY(%s) AND m.date BETWEEN %s AND %s
         GROUP BY p.state""",
        [cell_ids, cell_ids, date_from, date_to],
    )
    cr.execute("SELECT count(*) FROM party_organization WHERE id = ANY(%s) AND active",
               [cell_ids])
    return rows


def cadre_floor(env, organization_ids, year):
    """The province's cadre rows by one bare SELECT over the tables, its
    committees and year written in: the figures and the grouping of
    party.cadre.stat, in the plan PostgreSQL chooses."""
    env.cr.execute(
        """SELECT min(a.id), a.member_id, a.issuer_id, a.company_id,
                  count(*),
                  count(*) FILTER (WHERE a.status = 'present'),
                  count(*) FILTER (WHERE a.status = 'absent_excused'),
                  count(*) FILTER (WHERE a.status = 'absent_unexcused'),
                  count(*) FILTER (WHERE a.status = 'present'
                                     AND r.date_submitted <= r.date_deadline),
                  count(*) FILTER (WHERE a.status = 'present'
                                     AND r.date_submitted > r.date_deadline),
                  count(*) FILTER (WHERE a.status = 'present' AND r.date_submitted IS NULL)
             FROM party_meeting_attendance a
        LEFT JOIN party_meeting_report r
               ON r.meeting_id = a.meeting_id AND r.assignment_id = a.assignment_id
            WHERE a.attendee_role = 'assigned_cadre' AND a.meeting_state = 'held'
              AND a.issuer_id = ANY(%s)
              AND a.date BETWEEN %s AND %s
              AND (a.assignment_role = 'principal' OR a.status = 'present' OR NOT EXISTS (
                   SELECT 1 FROM party_meeting_attendance principal_line
                    WHERE principal_line.meeting_id = a.meeting_id
                      AND principal_line.assignment_role = 'principal'
                      AND principal_line.status = 'present'))
         GROUP BY a.member_id, a.issuer_id, a.company_id""",
        [organization_ids, f"{year}-01-01", f"{year}-12-31"],
    )
    return env.cr.fetchall()


def office_env(env, organization):
    login = f"bench_office_{organization.id}"
    user = env["res.users"].search([("login", "=", login)])
    if user:
        return env(user=user.id)
    user = env["res.users"].create(
        {
            "name": f"Bench office {organization.code}",
            "login": login,
            "groups_id": [(6, 0, [env.ref("party_cell_meeting.group_party_office").id])],
            "party_organization_ids": [(6, 0, organization.ids)],
        }
    )
    return env(user=user.id)


def bench_superiors(env, year, runs, plans=None):
    province = env["party.organization"].search([("level", "=", "provincial")], limit=1,
                                                order="id")
    superiors = env["party.organization"].search(
        [("parent_id", "=", province.id), ("level", "in", ("commune", "block", "district"))]
    )
    date_from, date_to = f"{year}-01-01", f"{year}-12-31"
    worst_stat = worst_consolidation = (0, 0, None)
    for superior in superiors:
        denv = office_env(env, superior)
        Stat = denv["party.cell.month.stat"]
        Consolidation = denv["report.party_cell_meeting.report_party_consolidation"]

        def stat(Stat=Stat, superior=superior):
            Stat.env.invalidate_all()
            return Stat._read_group(
                [("cell_id", "child_of", superior.id), ("date", ">=", date_from),
                 ("date", "<=", date_to)],
                ["cell_id"], ["regular_held_count:sum", "report_missing_count:sum",
                              "proposal_count:sum"],
            )

        def consolidate(Consolidation=Consolidation, superior=superior):
            Consolidation.env.invalidate_all()
            return Consolidation._consolidate(
                superior.with_env(Consolidation.env),
                *Consolidation._months({"date_from": date_from, "date_to": date_to}),
            )

        cold, median, rows = timed(stat, runs)
        if median > worst_stat[1]:
            worst_stat = (cold, median, f"{superior.name}: {len(rows)} cells")
        cold, median, data = timed(consolidate, runs)
        if median > worst_consolidation[1]:
            worst_consolidation = (cold, median, f"{superior.name}: {data['cell_count']} cells, "
                                                 f"{data['totals']['held_count']} meetings",
                                   superior)
    # the slowest timed again beside its floor: the slowest of many medians
    # is also the noisiest
    superior = worst_consolidation[3]
    cell_ids = superior._party_subtree_ids(cells_only=True)
    denv = office_env(env, superior)
    Consolidation = denv["report.party_cell_meeting.report_party_consolidation"]
    months = Consolidation._months({"date_from": date_from, "date_to": date_to})

    def again():
        Consolidation.env.invalidate_all()
        return Consolidation._consolidate(superior.with_env(denv), *months)

    _cold, retimed, _data = timed(again, runs)
    _cold, floor, _rows = timed(
        lambda: consolidation_floor(env, cell_ids, date_from, date_to), runs
    )
    if plans:
        with QueryLog() as log:
            again()
        write_plans(env, os.path.join(plans, "consolidation_commune.txt"), log.queries,
                    ("party_cell_month_stat", "party_proposal"))
    return len(superiors), worst_stat, worst_consolidation, (retimed, floor)


def bench_province_stats(env, year, runs, plans=None):
    """(cold, median, rows) of the first province's cadre statistics as its
    office, and the median of their SQL floor."""
    province = env["party.organization"].search([("level", "=", "provincial")], limit=1,
                                                order="id")
    penv = office_env(env, province)
    figures = ["assigned_count:sum", "attended_count:sum", "report_on_time_count:sum",
               "report_missing_count:sum"]

    def province_stats():
        penv.invalidate_all()
        return penv["party.cadre.stat"]._read_group(
            [("organization_id", "child_of", province.id), ("year", "=", str(year))],
            ["cadre_id"], figures,
        )

    result = timed(province_stats, runs)
    subtree = province._party_subtree_ids()
    _cold, floor, _rows = timed(lambda: cadre_floor(env, subtree, year), runs)
    if plans:
        with QueryLog() as log:
            province_stats()
        write_plans(env, os.path.join(plans, f"cadre_stat_province_{env.cr.dbname}.txt"),
                    log.queries, ("party_cadre_stat",))
    return result, floor


def bench_year_end(env, year, runs):
    province = env["party.organization"].search([("level", "=", "provincial")], limit=1,
                                                order="id")
    penv = office_env(env, province)
    figures = ["assigned_count:sum", "attended_count:sum", "report_on_time_count:sum",
               "report_missing_count:sum"]

    def country_stats():
        env.invalidate_all()
        return env["party.cadre.stat"]._read_group([("year", "=", str(year))], ["cadre_id"],
                                                   figures)

    results = {"country": timed(country_stats, runs)}
    env.cr.execute("SAVEPOINT bench_prepare")
    started = time.monotonic()
    evaluations = penv["party.cadre.evaluation"]._prepare_year(province.ids, str(year))
    evaluations.env.flush_all()
    prepared = time.monotonic() - started
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_prepare")
    return results, (prepared, len(evaluations))


def bench_pdf(env, year, report_url=None):
    if report_url:
        # wkhtmltopdf fetches the report's assets from this running server
        env["ir.config_parameter"].set_param("report.url", report_url)
    env.cr.execute(
        """SELECT o.id, count(c.id) FROM party_organization o
             JOIN party_organization c ON c.parent_path LIKE o.parent_path || '%%'
                                      AND c.level = 'cell'
            WHERE o.level != 'cell' GROUP BY o.id ORDER BY 2 DESC, 1 LIMIT 1"""
    )
    organization_id, cells = env.cr.fetchone()
    organization = env["party.organization"].browse(organization_id)
    oenv = office_env(env, organization)
    Report = oenv["ir.actions.report"].with_context(force_report_rendering=True)
    started = time.monotonic()
    pdf, _kind = Report._render_qweb_pdf(
        "party_cell_meeting.action_report_party_consolidation", organization.ids,
        data={"date_from": f"{year}-01-01", "date_to": f"{year}-12-31"},
    )
    elapsed = time.monotonic() - started
    return elapsed, organization.name, cells, len(pdf), pdf.count(b"/Type /Page\n") or None


def rss_mib(key="VmRSS"):
    """The process's resident memory (VmRSS) or its peak (VmHWM), in MiB."""
    with open("/proc/self/status", encoding="ascii") as file:
        for line in file:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak_rss():
    """Bring the peak of resident memory down to the current one (Linux's
    clear_refs), so that each measure reports its own peak."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as file:
        file.write("5")


def interleaved(functions, runs):
    """Run each function once per round, runs + 1 rounds, so that each
    meets the same load of the machine: for each, (first run, median of the
    others, last result, largest growth of the peak resident memory over
    the memory before a run, in MiB)."""
    times = [[] for _function in functions]
    growth = [0.0 for _function in functions]
    results = [None for _function in functions]
    for _round in range(runs + 1):
        for index, function in enumerate(functions):
            results[index] = None
            gc.collect()
            before = rss_mib()
            reset_peak_rss()
            started = time.monotonic()
            results[index] = function()
            times[index].append(time.monotonic() - started)
            growth[index] = max(growth[index], rss_mib("VmHWM") - before)
    return [
        (spent[0], statistics.median(spent[1:]), result, grown)
        for spent, result, grown in zip(times, results, growth, strict=True)
    ]


def xlsx_floor(sheets):
    """The same rows and columns written by plain xlsxwriter in constant_memory
    mode to a temporary file: each cell with its type, nothing else done."""
    import xlsxwriter  # noqa: PLC0415 - in Odoo's environment

    with tempfile.TemporaryFile() as file:
        workbook = xlsxwriter.Workbook(file, {"constant_memory": True})
        for name, columns, rows in sheets:
            sheet = workbook.add_worksheet(name[:31])
            for col, (title, width, _kind, _sql) in enumerate(columns):
                sheet.set_column(col, col, width)
                sheet.write_string(0, col, title)
            text = [kind == "text" for _title, _width, kind, _sql in columns]
            for row_index, row in enumerate(rows, start=1):
                for col, value in enumerate(row):
                    if value is None:
                        continue
                    if text[col]:
                        sheet.write_string(row_index, col, value)
                    else:
                        sheet.write_number(row_index, col, value)
        workbook.close()
        file.seek(0)
        return file.read()


def bench_xlsx(env, year, months, runs, all_cells=False):
    """The wizard's workbook of the first --xlsx-months months for the first
    province as its office (record rules on), or for every cell of the
    database as administrator (all_cells: the national set has no
    organization above its provinces); then the same rows and columns
    through plain xlsxwriter (the floor), and the workbook prepared as the
    background job does."""
    province = env["party.organization"].search([("level", "=", "provincial")], limit=1)
    wenv = env if all_cells else office_env(env, province)
    last_day = calendar.monthrange(year, months)[1]
    wizard = wenv["party.report.export.wizard"].create(
        {"organization_id": province.id, "date_from": f"{year}-01-01",
         "date_to": f"{year}-{months:02d}-{last_day}"}
    )
    cls = type(wizard)
    original = cls._cell_month_domain
    if all_cells:
        cls._cell_month_domain = lambda self: [
            ("period", ">=", f"{year}-01"), ("period", "<=", f"{year}-{months:02d}")
        ]
    try:
        env.flush_all()
        sheets = [("Cells by Month", *wizard._cell_month_sheet()),
                  ("Cadres", *wizard._cadre_sheet())]
        sheets = [(name, columns, list(rows)) for name, columns, rows in sheets]
        rows = len(sheets[0][2])

        def export():
            env.invalidate_all()
            return wizard._xlsx_content()

        exported, floor = interleaved([export, lambda: xlsx_floor(sheets)], runs)
        sheets.clear()
        request = env["party.report.export"].create(
            {"name": "bench.xlsx", "user_id": wenv.uid, "organization_id": province.id,
             "date_from": wizard.date_from, "date_to": wizard.date_to}
        )
        started = time.monotonic()
        request._build()
        background = time.monotonic() - started, request.state
    finally:
        cls._cell_month_domain = original
    return rows, exported, floor, background


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--xlsx-months", type=int, default=2)
    parser.add_argument("--xlsx-all-cells", action="store_true", help="the XLSX of every cell "
                        "of the database as administrator, not of the first province")
    parser.add_argument("--pdf", action="store_true", help="also render the consolidation PDF")
    parser.add_argument("--report-url", help="an Odoo server of this database serving the "
                        "assets to wkhtmltopdf, e.g. http://localhost:8079")
    parser.add_argument("--skip", nargs="*", default=[], choices=["superiors", "year", "xlsx"])
    parser.add_argument("--compare-db", help="a province-scale database: its first province's "
                        "cadre statistics are measured too, for the ratio")
    parser.add_argument("--plans", help="a folder for the EXPLAIN (ANALYZE, BUFFERS) of the "
                        "consolidation and the province's cadre statistics")
    args = parser.parse_args()
    if args.plans:
        os.makedirs(args.plans, exist_ok=True)

    import odoo  # noqa: PLC0415 - Odoo is on ODOO_PATH, set up below

    odoo.tools.config.parse_config(
        [f"--addons-path={ODOO_PATH}/addons,{REPO}/addons", "-d", args.db, "--log-level=warn"]
    )
    print(f"load average before: {loadavg()}")
    compared = None
    if args.compare_db and "year" not in args.skip:
        with odoo.modules.registry.Registry(args.compare_db).cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            compared = bench_province_stats(env, args.year, args.runs, args.plans)
            cr.rollback()
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cells = env["party.organization"].search_count([("level", "=", "cell")])
        print(f"database {args.db}: {cells} cells, year {args.year}, median of {args.runs} "
              "runs after a cold one")
        if "superiors" not in args.skip:
            count, stat, consolidation, (retimed, floor) = bench_superiors(
                env, args.year, args.runs, args.plans
            )
            print(f"superior committee statistics, slowest of {count} (as its office): "
                  f"cold {stat[0] * 1000:.0f} ms, median {stat[1] * 1000:.0f} ms ({stat[2]})")
            print(f"superior committee consolidation of the year, slowest: cold "
                  f"{consolidation[0] * 1000:.0f} ms, median {consolidation[1] * 1000:.0f} ms "
                  f"({consolidation[2]})")
            print(f"  the same timed again: median {retimed * 1000:.0f} ms; its SQL floor "
                  f"{floor * 1000:.1f} ms; {retimed / floor:.1f}x")
        if "year" not in args.skip:
            (cold, median, rows), floor = bench_province_stats(env, args.year, args.runs,
                                                               args.plans)
            print(f"year-end cadre statistics of the province (as its office): cold "
                  f"{cold * 1000:.0f} ms, median {median * 1000:.0f} ms ({len(rows)} cadres); "
                  f"SQL floor {floor * 1000:.0f} ms, {median / floor:.2f}x")
            if compared:
                (_cold, other, other_rows), other_floor = compared
                print(f"  the same on {args.compare_db}: median {other * 1000:.0f} ms "
                      f"({len(other_rows)} cadres), SQL floor {other_floor * 1000:.0f} ms; "
                      f"{args.db} / {args.compare_db}: {median / other:.2f}x")
            results, (prepared, evaluations) = bench_year_end(env, args.year, args.runs)
            for scope, (cold, median, rows) in results.items():
                print(f"year-end cadre statistics of the {scope}: cold {cold * 1000:.0f} ms, "
                      f"median {median * 1000:.0f} ms ({len(rows)} cadres)")
            print(f"year-end evaluations of a province prepared: {prepared:.2f} s "
                  f"({evaluations} evaluations)")
        if "xlsx" not in args.skip:
            rows, exported, floor, background = bench_xlsx(
                env, args.year, args.xlsx_months, args.runs, args.xlsx_all_cells
            )
            scope = "every cell, as administrator" if args.xlsx_all_cells else (
                "the first province, as its office")
            print(f"XLSX of {rows} rows (cells by month, {scope}) and the cadres: cold "
                  f"{exported[0]:.2f} s, median {exported[1]:.2f} s, "
                  f"{len(exported[2]) / 1e6:.1f} MB, peak memory +{exported[3]:.0f} MiB")
            print(f"  plain xlsxwriter (constant_memory), same rows and columns: median "
                  f"{floor[1]:.2f} s, peak memory +{floor[3]:.0f} MiB; "
                  f"{exported[1] / floor[1]:.2f}x")
            print(f"  prepared as the background job (attachment included): "
                  f"{background[0]:.2f} s, {background[1]}")
        if args.pdf:
            elapsed, name, cells_below, size, _pages = bench_pdf(env, args.year, args.report_url)
            print(f"consolidation PDF of {name} ({cells_below} cells, the year): "
                  f"{elapsed:.1f} s, {size / 1e6:.2f} MB")
        cr.rollback()
    print(f"load average after: {loadavg()}")


if __name__ == "__main__":
    main()
