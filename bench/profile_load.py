"""Profile the requests of bench/load_test.py in the server's Python, as the
users of the load (prepared by load_test.py --prepare): "My Meetings" and the
meeting's form as a cadre, the report's save and submit as a cadre, the roll
call of 30 members as a secretary. Each is run --runs times under cProfile
(everything rolled back); printed: the time per call, the share of it spent in
the record rules' checks (ir.rule domains, _filtered_access and the
_search of the x2many paths they follow), and the --top functions by
cumulative time.

    python bench/profile_load.py --db party_load --runs 20

Run it with Odoo's Python; ODOO_PATH defaults to /opt/odoo/18.0.
"""

import argparse
import cProfile
import io
import os
import pstats
import time

from bench_common import loadavg

ODOO_PATH = os.environ.get("ODOO_PATH", "/opt/odoo/18.0")
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# functions whose cumulative time is that of the record rules' checks
RULE_FUNCTIONS = (
    ("models.py", "_check_access"),
    ("models.py", "filtered_domain"),
)


def spec_of(env, model, view_xmlid):
    """The web client's specification of a view, built by load_test.py."""
    import xml.etree.ElementTree as ET  # noqa: PLC0415

    from load_test import build_spec  # noqa: PLC0415

    view = env.ref(view_xmlid)
    result = env[model].get_views([[view.id, view.type]])
    arch = ET.fromstring(result["views"][view.type]["arch"])
    spec = build_spec(arch, model, result["models"])
    spec.setdefault("display_name", {})
    return spec


def cumulative(stats, file_end, name):
    total = 0.0
    for (filename, _line, function), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        if function == name and filename.endswith(file_end):
            total = max(total, ct)
    return total


class RuleTimes:
    """Time spent in BaseModel._check_access (the record rules evaluated in
    Python by filtered_domain), by model and operation."""

    def __enter__(self):
        from odoo.models import BaseModel  # noqa: PLC0415

        self.times, self.original = {}, BaseModel._check_access
        times, original = self.times, self.original

        def _check_access(records, operation):
            started = time.perf_counter()
            try:
                return original(records, operation)
            finally:
                key = (records._name, operation)
                count, seconds, size = times.get(key, (0, 0.0, 0))
                times[key] = (count + 1, seconds + time.perf_counter() - started,
                              size + len(records))

        BaseModel._check_access = _check_access
        return self

    def __exit__(self, *exc):
        from odoo.models import BaseModel  # noqa: PLC0415

        BaseModel._check_access = self.original


def profile(label, function, runs, top):
    function()  # warm the caches, as a running server has them
    with RuleTimes() as rules:
        started = time.perf_counter()
        for _ in range(runs):
            function()
        plain = (time.perf_counter() - started) / runs
    print(f"\n== {label}: {plain * 1000:.0f} ms a call; in the record rules' check "
          f"(_check_access, by model): " + ", ".join(
              f"{model} {operation} {seconds / runs * 1000:.1f} ms "
              f"({count // runs} checks of {size // max(count, 1)} records)"
              for (model, operation), (count, seconds, size) in sorted(
                  rules.times.items(), key=lambda item: -item[1][1])
              if seconds / runs >= 0.0005
          ) + f"; total {sum(v[1] for v in rules.times.values()) / runs / plain * 100:.0f} %")
    profiler = cProfile.Profile()
    started = time.perf_counter()
    for _ in range(runs):
        profiler.runcall(function)
    elapsed = (time.perf_counter() - started) / runs
    stats = pstats.Stats(profiler)
    rules = {f"{name}": cumulative(stats, end, name) / runs for end, name in RULE_FUNCTIONS}
    total = stats.total_tt / runs
    print(f"   profiled: {elapsed * 1000:.0f} ms a call (cProfile's {total * 1000:.0f} ms); "
          + ", ".join(f"{name} {seconds * 1000:.0f} ms ({seconds / total * 100:.0f} %)"
                      for name, seconds in rules.items()))
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if "ncalls" in line)
    print("\n".join(lines[start:start + top + 1]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="party_load")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()

    import odoo  # noqa: PLC0415 - Odoo is on ODOO_PATH

    odoo.tools.config.parse_config(
        [f"--addons-path={ODOO_PATH}/addons,{REPO}/addons", "-d", args.db, "--log-level=warn"]
    )
    print(f"load average before: {loadavg()}")
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        report = env["party.meeting.report"].search(
            [("cadre_id.user_id.login", "like", "load_cadre_%"), ("state", "=", "draft"),
             ("meeting_date", "<=", odoo.fields.Date.today())], limit=1
        )
        cadre = report.cadre_id.user_id
        secretary = env["res.users"].search(
            [("login", "like", "load_secretary_%")], order="id", limit=1
        )
        context = {"lang": "en_US", "tz": "Asia/Ho_Chi_Minh", "allowed_company_ids": [1]}
        cadre_env = env(user=cadre, context=context)
        secretary_env = env(user=secretary, context=context)
        today = odoo.fields.Date.context_today(cadre_env["party.meeting"]).isoformat()
        module = "party_cell_meeting"
        kanban = spec_of(env, "party.meeting", f"{module}.party_meeting_view_kanban_mine")
        form = spec_of(env, "party.meeting", f"{module}.party_meeting_view_form")
        report_form = spec_of(
            env, "party.meeting.report", f"{module}.party_meeting_report_view_form"
        )
        mine = ["&", ("is_mine", "=", True), "&", ("state", "=", "planned"), ("date", ">=", today)]

        def my_meetings(env=cadre_env):
            env.invalidate_all()
            return env["party.meeting"].web_search_read(
                mine, kanban, offset=0, limit=40, order="date ASC, time_start ASC",
                count_limit=10001,
            )

        meetings = my_meetings()["records"]
        meeting_id = meetings[0]["id"]

        def open_meeting(env=cadre_env, meeting_id=meeting_id):
            env.invalidate_all()
            return env["party.meeting"].browse(meeting_id).web_read(form)

        def submit():
            cadre_env.invalidate_all()
            record = cadre_env["party.meeting.report"].browse(report.id)
            record.web_save({"step_roll_call": True, "speaker_count": 5}, report_form)
            cr.execute("SAVEPOINT profile_submit")
            record.action_submit()
            cadre_env.flush_all()
            cr.execute("ROLLBACK TO SAVEPOINT profile_submit")
            cadre_env.invalidate_all()

        secretary_meeting = secretary_env["party.meeting"].search(
            mine, order="date ASC", limit=1
        )
        lines = secretary_meeting.sudo().attendance_ids.filtered(
            lambda line: line.attendee_role == "member"
        )[:30]
        flip = {"value": 0}

        def roll_call():
            flip["value"] += 1
            status = "present" if flip["value"] % 2 else "absent_unexcused"
            secretary_env.invalidate_all()
            secretary_env["party.meeting"].browse(secretary_meeting.id).web_save(
                {"attendance_ids": [[1, line.id, {"status": status}] for line in lines]}, form
            )
            secretary_env.flush_all()

        profile("My Meetings (cadre, kanban of the action)", my_meetings, args.runs, args.top)
        profile("the meeting's form (cadre, web_read)", open_meeting, args.runs, args.top)
        profile("the secretary's My Meetings",
                lambda: my_meetings(secretary_env), args.runs, args.top)
        profile("the report saved and submitted (cadre)", submit, args.runs, args.top)
        profile("the roll call of 30 members (secretary, web_save)", roll_call, args.runs,
                args.top)
        cr.rollback()
    print(f"\nload average after: {loadavg()}")


if __name__ == "__main__":
    main()
