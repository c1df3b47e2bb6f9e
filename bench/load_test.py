"""Load test of the 3rd of the month (issue 13): cadres open "My Meetings",
a meeting and submit their reports; cell secretaries record the attendance of
30 members; against real Odoo servers started with workers.

A plain script (requests sessions in threads), not Locust: nothing to install
beyond requests, which Odoo's Python has; one file to read; the figures it
prints are those the issue asks for (per request kind, and the servers' CPU
time per request read from /proc).

1. Prepare the database once (idempotent; again before each run to give the
   cadres their reports to submit back), with Odoo's Python:

    python bench/load_test.py --prepare --db party_load --cadres 150 --secretaries 75

   It gives the first --cadres cadres and the members of --secretaries of
   their cells a user (load_cadre_<member id>, load_secretary_<member id>,
   password --password), makes the secretaries the secretaries of those
   cells, replaces the current month's regular meeting of every cell
   concerned by a planned one of today (the addon's
   party.meeting._generate_regular_meetings(period), then the date moved to
   today, so that presence may be recorded; action_load_attendance for the
   roll call), resets their attendance lines to "not recorded", and gives the
   cadres' reports on the meetings held so far this year back to draft.

2. Start Odoo with workers on that database (bench/load_server.sh PORT
   WORKERS DB: --max-cron-threads=1, --limit-time-real=600, the gevent port
   next to the HTTP port; LOAD_PYTHONPATH=bench/load_gevent_fix when the
   gevent process dies on pkg_resources not finding zope.interface) and
   play sessions:

    python bench/load_test.py --servers http://localhost:8081 --sessions 20 --duration 120

   Each session logs in through /web/session/authenticate, then loops, with
   a seeded random pause of 1-3 s between user actions. A cadre: "My
   Meetings" (the kanban of the action party_meeting_action_mine, its
   default filters), a meeting of the list (web_read with the form's
   specification, and its chatter), "My Reports", the report to submit
   (web_read, chatter), its fields written (web_save) and action_submit.
   A secretary: "My Meetings", the meeting (web_read, chatter) and the roll
   call of 30 members saved (web_save of attendance_ids, as the roll call
   widget sends it). Two sessions in three are cadres. --servers URL1,URL2
   deals the sessions between the servers in turn. The measure starts
   --warmup seconds after every session has logged in (Odoo's password hash
   costs seconds of CPU a login under load; users log in once a day) and
   counts the requests started in the --duration window.

   Printed: per request kind, count, errors, p50/p95/p99 in ms and
   throughput; the CPU time of the Odoo processes (found by their
   --http-port in /proc) and of the PostgreSQL backends of --db, read from
   /proc/<pid>/stat before and after, per request; the load average before
   and after. --json FILE appends the figures.

3. Crons on two servers: --force-crons S sets the addon's crons due
   (ir_cron.nextcall in the past, and NOTIFY cron_trigger) S seconds into
   the run; --prepare-crons (with --prepare) first gives them work again
   (next month's meetings deleted, this month's reminders and missing
   reports unmarked, with the activities they made); --check-crons DB
   after the run counts what they made and looks for duplicates:

    python bench/load_test.py --prepare --prepare-crons --db party_load
    python bench/load_test.py --servers http://localhost:8081,http://localhost:8083 \\
        --sessions 40 --duration 180 --force-crons 30 --db party_load
    python bench/load_test.py --check-crons --db party_load --since "2026-12-02 18:00"

Run it with Odoo's Python; ODOO_PATH defaults to /opt/odoo/18.0.
"""

import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
import xml.etree.ElementTree as ET
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bench_common import loadavg

ODOO_PATH = os.environ.get("ODOO_PATH", "/opt/odoo/18.0")
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDON = "party_cell_meeting"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# the addon's crons (data/ir_cron_data.xml)
CRONS = (
    "party_meeting_cron_generate",
    "party_meeting_cron_remind",
    "party_organization_cron_thematic",
    "party_meeting_report_cron_missing",
    "ir_cron_party_proposal_overdue",
)
REASONS = ("Đi công tác", "Ốm", "Việc gia đình đột xuất")


# ----------------------------------------------------------------------
# Preparation (Odoo's Python, in the database)
# ----------------------------------------------------------------------


def delete_meetings(cr, meeting_ids):
    """Remove meetings written by bench/generate_data.py --add-year, with
    what hangs on them, behind the ORM's back (held meetings and submitted
    reports refuse deletion by design)."""
    if not meeting_ids:
        return
    ids = list(meeting_ids)
    cr.execute("DELETE FROM party_proposal WHERE meeting_id = ANY(%s)", [ids])
    cr.execute(
        "DELETE FROM mail_activity WHERE res_model = 'party.meeting.report' AND res_id IN "
        "(SELECT id FROM party_meeting_report WHERE meeting_id = ANY(%s))",
        [ids],
    )
    cr.execute("DELETE FROM party_meeting_report WHERE meeting_id = ANY(%s)", [ids])
    cr.execute(
        "DELETE FROM mail_activity WHERE res_model = 'party.meeting' AND res_id = ANY(%s)", [ids]
    )
    cr.execute(
        "DELETE FROM mail_message WHERE model = 'party.meeting' AND res_id = ANY(%s)", [ids]
    )
    cr.execute("DELETE FROM party_meeting WHERE id = ANY(%s)", [ids])


def ensure_users(env, members, prefix, group_xmlid, password_hash):
    """A user for each member without one, logging in as prefix<member id>."""
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nosubscribe=True)
    group = env.ref(group_xmlid)
    missing = members.filtered(lambda member: not member.user_id)
    for member in missing:
        login = f"{prefix}{member.id}"
        user = Users.search([("login", "=", login)]) or Users.create(
            {
                "name": member.name,
                "login": login,
                "email": f"{login}@example.com",
                "groups_id": [(6, 0, [group.id, env.ref("base.group_user").id])],
                "tz": "Asia/Ho_Chi_Minh",
            }
        )
        member.user_id = user
    users = members.user_id
    users.write({"groups_id": [(4, group.id)]})
    # one hash for all: Odoo's pbkdf2 costs a third of a second a user
    env.cr.execute(
        "UPDATE res_users SET password = %s WHERE id = ANY(%s)", [password_hash, users.ids]
    )
    return users


def prepare(args):
    import odoo  # noqa: PLC0415 - Odoo is on ODOO_PATH, set up here
    from odoo.fields import Date  # noqa: PLC0415

    odoo.tools.config.parse_config(
        [f"--addons-path={ODOO_PATH}/addons,{REPO}/addons", "-d", args.db, "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(args.db)
    started = time.monotonic()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "Asia/Ho_Chi_Minh"})
        today = Date.context_today(env["party.meeting"])
        period = today.strftime("%Y-%m")
        password_hash = env["res.users"]._crypt_context().hash(args.password)
        Member = env["party.member"]
        cadres = Member.search([("is_cadre", "=", True)], order="id", limit=args.cadres)
        cadre_users = ensure_users(
            env, cadres, "load_cadre_", f"{ADDON}.group_party_cadre", password_hash
        )
        assignments = env["party.assignment"].search(
            [("cadre_id", "in", cadres.ids), ("state", "=", "in_force")]
        )
        cells = assignments.cell_id.sorted("id")
        secretary_cells = cells[: args.secretaries]
        secretaries = Member
        for cell in secretary_cells:
            if cell.secretary_id:
                secretaries |= cell.secretary_id
                continue
            member = Member.search(
                [("organization_id", "=", cell.id), ("is_cadre", "=", False)], order="id", limit=1
            )
            env["party.position"].create(
                {"member_id": member.id, "organization_id": cell.id, "role": "secretary"}
            )
            secretaries |= member
        secretary_users = ensure_users(
            env, secretaries, "load_secretary_", f"{ADDON}.group_party_cell_secretary",
            password_hash,
        )
        print(f"users: {len(cadre_users)} cadres ({len(cells)} cells), "
              f"{len(secretary_users)} secretaries")

        # this month's regular meeting of each cell concerned: planned today
        Meeting = env["party.meeting"]
        current = Meeting.search(
            [("cell_id", "in", cells.ids), ("period", "=", period), ("kind", "=", "regular")]
        )
        stale = current.filtered(lambda m: m.state != "planned" or m.date != today)
        delete_meetings(cr, stale.ids)
        env.invalidate_all()
        created = Meeting._generate_regular_meetings(period)
        # the cells not concerned keep their meeting (generation makes none for them)
        created.filtered(lambda m: m.date != today).write({"date": today})
        meetings = Meeting.search(
            [("cell_id", "in", cells.ids), ("period", "=", period), ("kind", "=", "regular")]
        )
        meetings.action_load_attendance()
        cr.execute(
            "UPDATE party_meeting_attendance SET status = 'pending', reason = NULL "
            "WHERE meeting_id = ANY(%s)",
            [meetings.ids],
        )
        env.invalidate_all()
        for name in ("member_count", "present_count", "excused_count", "unexcused_count",
                     "attendance_rate", "cadre_attended"):
            env.add_to_compute(Meeting._fields[name], meetings)
        env.flush_all()
        lines = env["party.meeting.attendance"].search_count([("meeting_id", "in", meetings.ids)])
        print(f"meetings of {period} planned on {today}: {len(meetings)} "
              f"({len(stale)} replaced, {len(created)} generated), {lines} attendance lines")

        # the cadres' reports of the year back to draft: something to submit
        cr.execute(
            """
            UPDATE party_meeting_report SET state = 'draft', date_submitted = NULL,
                   is_late = false
             WHERE cadre_id = ANY(%s) AND meeting_date <= %s
               AND meeting_date >= date_trunc('year', %s::date)
            """,
            [cadres.ids, today, today],
        )
        cr.execute(
            "SELECT count(*) FROM party_meeting_report WHERE cadre_id = ANY(%s) "
            "AND state = 'draft' AND meeting_date <= %s",
            [cadres.ids, today],
        )
        print(f"reports to submit: {cr.fetchone()[0]}")
        if args.prepare_crons:
            prepare_crons(env, today, period)
        env.flush_all()
        cr.commit()
    print(f"prepared in {time.monotonic() - started:.0f} s")


def prepare_crons(env, today, period):
    """Work for the addon's crons, undone from their previous run: next
    month's meetings (not the load's), this month's reminders, the missing
    reports' notifications, with the activities those made."""
    cr = env.cr
    next_period = date(today.year + today.month // 12, today.month % 12 + 1, 1).strftime("%Y-%m")
    cr.execute(
        "SELECT id FROM party_meeting WHERE period = %s AND state = 'planned'", [next_period]
    )
    delete_meetings(cr, [row[0] for row in cr.fetchall()])
    cr.execute(
        "UPDATE party_meeting_attendance SET date_reminded = NULL WHERE period = %s",
        [period],
    )
    cr.execute(
        "UPDATE party_meeting SET date_secretary_reminded = NULL WHERE period = %s", [period]
    )
    cr.execute(
        "UPDATE party_meeting_report SET date_missing_notified = NULL "
        "WHERE state = 'draft' AND date_missing_notified IS NOT NULL"
    )
    cr.execute(
        "DELETE FROM mail_activity WHERE res_model IN ('party.meeting', 'party.meeting.report')"
    )
    print(f"crons given work: {next_period}'s meetings deleted, {period}'s reminders and "
          "the missing reports unmarked, their activities deleted")


def force_crons(db):
    import psycopg2  # noqa: PLC0415

    with psycopg2.connect(dbname=db) as conn, conn.cursor() as cr:
        cr.execute(
            """
            UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC' - interval '1 minute'
             WHERE id IN (SELECT res_id FROM ir_model_data
                           WHERE model = 'ir.cron' AND module = %s AND name = ANY(%s))
            RETURNING id
            """,
            [ADDON, list(CRONS)],
        )
        ids = [row[0] for row in cr.fetchall()]
        cr.execute("NOTIFY cron_trigger, %s", [db])
    print(f"  {time.strftime('%H:%M:%S')} crons {ids} set due", flush=True)


def check_crons(db, since):
    """What the addon's crons made since `since` (UTC), and any duplicate."""
    import psycopg2  # noqa: PLC0415

    checks = [
        ("cron runs (lastcall)",
         "SELECT cron_name, lastcall FROM ir_cron WHERE lastcall >= %(since)s "
         "ORDER BY id", None),
        ("regular meetings created",
         "SELECT period, count(*) FROM party_meeting WHERE create_date >= %(since)s "
         "GROUP BY period", None),
        ("duplicate regular meetings (cell, month)",
         "SELECT cell_id, period, count(*) FROM party_meeting WHERE kind = 'regular' "
         "GROUP BY 1, 2 HAVING count(*) > 1", "dup"),
        ("activities created by type",
         "SELECT t.name->>'en_US', a.res_model, count(*) FROM mail_activity a "
         "JOIN mail_activity_type t ON t.id = a.activity_type_id "
         "WHERE a.create_date >= %(since)s GROUP BY 1, 2", None),
        ("duplicate activities (record, type, user)",
         "SELECT res_model, res_id, activity_type_id, user_id, count(*) FROM mail_activity "
         "WHERE create_date >= %(since)s GROUP BY 1, 2, 3, 4 HAVING count(*) > 1", "dup"),
        ("mails queued",
         "SELECT m.model, count(*) FROM mail_mail mm JOIN mail_message m "
         "ON m.id = mm.mail_message_id WHERE mm.create_date >= %(since)s GROUP BY 1", None),
        ("duplicate mails per record and recipient",
         "SELECT m.model, m.res_id, m.subject, r.res_partner_id, count(*) FROM mail_mail mm "
         "JOIN mail_message m ON m.id = mm.mail_message_id "
         "JOIN mail_mail_res_partner_rel r ON r.mail_mail_id = mm.id "
         "WHERE mm.create_date >= %(since)s GROUP BY 1, 2, 3, 4 HAVING count(*) > 1", "dup"),
        ("missing-report digests posted",
         "SELECT count(*), count(DISTINCT res_id) FROM mail_message "
         "WHERE model = 'party.organization' AND create_date >= %(since)s "
         "AND message_type = 'notification'", None),
    ]
    with psycopg2.connect(dbname=db) as conn, conn.cursor() as cr:
        for title, query, kind in checks:
            cr.execute(query, {"since": since})
            rows = cr.fetchall()
            if kind == "dup":
                print(f"{title}: {len(rows)}" + (f" e.g. {rows[:3]}" if rows else ""))
            else:
                print(f"{title}:")
                for row in rows:
                    print("   ", *row)


# ----------------------------------------------------------------------
# The client: the requests of Odoo's web client
# ----------------------------------------------------------------------


class RpcError(Exception):
    pass


def build_spec(node, model, models):
    """The specification the web client sends for the fields of an arch
    node: relational fields with their display_name, x2many fields with the
    fields of their list subview (the roll call with its related fields)."""
    fields = models[model]["fields"] if "fields" in models[model] else models[model]
    spec = {}

    def walk(element):
        for child in element:
            if child.tag == "field":
                name = child.get("name")
                desc = fields.get(name)
                if desc is None:
                    continue
                spec[name] = field_spec(child, desc, models)
            elif child.tag not in ("list", "kanban", "form", "tree"):
                walk(child)

    walk(node)
    return spec


ROLL_CALL = {
    "member_id": {"fields": {"display_name": {}}},
    "attendee_role": {},
    "member_is_exempt": {},
    "can_record": {},
    "status": {},
    "reason": {},
}


def field_spec(element, desc, models):
    kind = desc["type"]
    if kind in ("many2one", "reference"):
        return {"fields": {"display_name": {}}}
    if kind in ("one2many", "many2many"):
        if element.get("widget") == "party_roll_call":
            return {"fields": dict(ROLL_CALL)}
        sub = element.find("list")
        if sub is None:
            sub = element.find("kanban")
        if sub is None or desc["relation"] not in models:
            return {"fields": {"display_name": {}}}
        return {"fields": build_spec(sub, desc["relation"], models), "limit": 40}
    return {}


class Client:
    """One browser: a requests session logged in on a server."""

    def __init__(self, url, stats, timeout=120):
        import requests  # noqa: PLC0415

        self.url = url.rstrip("/")
        self.http = requests.Session()
        self.stats = stats
        self.timeout = timeout
        self.context = {}
        self.uid = None

    def post(self, kind, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        started = time.perf_counter()
        error = None
        result = None
        try:
            response = self.http.post(self.url + path, json=payload, timeout=self.timeout)
            if response.status_code != 200:
                error = f"HTTP {response.status_code}"
            else:
                body = response.json()
                if "error" in body:
                    data = body["error"].get("data", {})
                    error = f"{data.get('name', '')}: {data.get('message', body['error'])}"
                else:
                    result = body["result"]
        except Exception as exc:  # noqa: BLE001 - any failure is an error of the kind
            error = f"{type(exc).__name__}: {exc}"
        elapsed = time.perf_counter() - started
        if self.stats is not None:
            self.stats.record(kind, elapsed, error)
        if error:
            raise RpcError(error)
        return result

    def login(self, db, login, password):
        result = self.post(
            "login", "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
        )
        self.uid = result["uid"]
        user_context = result["user_context"]
        self.context = {
            **user_context,
            "allowed_company_ids": [result["user_companies"]["current_company"]],
        }
        return result

    def call(self, kind, model, method, args=(), **kwargs):
        kwargs.setdefault("context", self.context)
        return self.post(
            kind, f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def button(self, kind, model, method, ids):
        return self.post(
            kind, f"/web/dataset/call_button/{model}/{method}",
            {"model": model, "method": method, "args": [ids],
             "kwargs": {"context": self.context}},
        )

    def chatter(self, model, record_id):
        """What the form's chatter asks when a record opens."""
        self.post("chatter", "/mail/thread/data", {
            "thread_model": model, "thread_id": record_id,
            "request_list": ["activities", "attachments", "followers", "scheduledMessages",
                             "suggestedRecipients"],
        })
        self.post("chatter", "/mail/thread/messages", {
            "thread_model": model, "thread_id": record_id, "limit": 30,
        })


def load_specs(url, db, login, password):
    """Specifications of the views the sessions use, from get_views as the
    user (the web client caches views; the sessions do not ask again)."""
    client = Client(url, None)
    client.login(db, login, password)
    specs = {}
    for key, model, view_xmlid in (
        ("my_meetings", "party.meeting", f"{ADDON}.party_meeting_view_kanban_mine"),
        ("meeting_form", "party.meeting", f"{ADDON}.party_meeting_view_form"),
        ("my_reports", "party.meeting.report", f"{ADDON}.party_meeting_report_view_kanban"),
        ("report_form", "party.meeting.report", f"{ADDON}.party_meeting_report_view_form"),
    ):
        view_type = "kanban" if "kanban" in key or key.startswith("my_") else "form"
        views = client.call(
            "setup", model, "get_views", [[[False, view_type]]],
            options={"toolbar": False, "load_filters": False},
            context={**client.context, f"{view_type}_view_ref": view_xmlid},
        )
        arch = ET.fromstring(views["views"][view_type]["arch"])
        spec = build_spec(arch, model, views["models"])
        spec.setdefault("display_name", {})
        specs[key] = spec
    return specs


# ----------------------------------------------------------------------
# Sessions
# ----------------------------------------------------------------------


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = {}
        self.errors = {}
        self.messages = {}
        self.measuring = False
        self.measured_from = 0
        self.samples = []

    def record(self, kind, elapsed, error):
        # a request counts if it started in the measured window
        if kind not in ("login", "setup") and (
            not self.measuring or time.monotonic() - elapsed < self.measured_from
        ):
            return
        with self.lock:
            self.times.setdefault(kind, []).append(elapsed)
            self.samples.append((time.monotonic() - elapsed, kind, elapsed))
            if error:
                self.errors[kind] = self.errors.get(kind, 0) + 1
                self.messages.setdefault(error[:160], 0)
                self.messages[error[:160]] += 1


def percentile(values, share):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


class Session(threading.Thread):
    def __init__(self, index, role, login, url, args, specs, stats, stop):
        super().__init__(daemon=True)
        self.index, self.role, self.login_name = index, role, login
        self.args, self.specs, self.stop = args, specs, stop
        self.logged_in = threading.Event()
        self.client = Client(url, stats)
        self.random = random.Random(args.seed * 1000 + index)
        # the users' day: the 3rd in Vietnam may still be the 2nd in UTC
        self.today = datetime.now(ZoneInfo(args.tz)).date().isoformat()

    def think(self):
        return not self.stop.wait(self.random.uniform(self.args.think_min, self.args.think_max))

    def run(self):
        time.sleep(self.random.uniform(0, self.args.think_max))
        try:
            self.client.login(self.args.db, self.login_name, self.args.password)
        except RpcError:
            return
        finally:
            self.logged_in.set()
        loop = self.cadre_loop if self.role == "cadre" else self.secretary_loop
        while not self.stop.is_set():
            try:
                if not loop():
                    break
            except RpcError:
                if not self.think():
                    break

    def my_meetings(self):
        # the action's default filters: "My Meetings" and "Upcoming"
        return self.client.call(
            "my_meetings", "party.meeting", "web_search_read",
            specification=self.specs["my_meetings"],
            domain=["&", ("is_mine", "=", True), "&", ("state", "=", "planned"),
                    ("date", ">=", self.today)],
            offset=0, limit=40, order="date ASC, time_start ASC", count_limit=10001,
            context={**self.client.context, "search_default_mine": 1,
                     "search_default_upcoming": 1},
        )["records"]

    def open_meeting(self, meeting_id):
        record = self.client.call(
            "open_meeting", "party.meeting", "web_read", [[meeting_id]],
            specification=self.specs["meeting_form"],
        )[0]
        self.client.chatter("party.meeting", meeting_id)
        return record

    def cadre_loop(self):
        meetings = self.my_meetings()
        if not self.think():
            return False
        if meetings:
            self.open_meeting(self.random.choice(meetings)["id"])
            if not self.think():
                return False
        reports = self.client.call(
            "my_reports", "party.meeting.report", "web_search_read",
            specification=self.specs["my_reports"],
            domain=["&", ("cadre_id.user_id", "=", self.client.uid), ("state", "=", "draft")],
            offset=0, limit=40, order="", count_limit=10001,
            context={**self.client.context, "search_default_to_do": 1},
        )["records"]
        due = [report for report in reports if report["meeting_date"] <= self.today]
        if not self.think():
            return False
        if not due:
            return True
        report_id = due[0]["id"]
        self.client.call(
            "open_report", "party.meeting.report", "web_read", [[report_id]],
            specification=self.specs["report_form"],
        )
        self.client.chatter("party.meeting.report", report_id)
        if not self.think():
            return False
        steps = {
            name: self.random.random() < 0.9
            for name in self.specs["report_form"] if name.startswith("step_")
        }
        self.client.call(
            "save_report", "party.meeting.report", "web_save", [[report_id], {
                **steps,
                "speaker_count": self.random.randint(3, 12),
                "young_speaker_count": self.random.randint(0, 3),
                "remarks": "<p>Chi bộ sinh hoạt đúng nội dung, đảng viên phát biểu sôi nổi.</p>",
            }],
            specification=self.specs["report_form"],
        )
        if not self.think():
            return False
        self.client.button("submit", "party.meeting.report", "action_submit", [report_id])
        return self.think()

    def secretary_loop(self):
        meetings = self.my_meetings()
        if not self.think() or not meetings:
            return bool(meetings) and not self.stop.is_set()
        meeting = self.open_meeting(meetings[0]["id"])
        if not self.think():
            return False
        lines = [line for line in meeting["attendance_ids"] if line["attendee_role"] == "member"]
        commands = []
        for line in self.random.sample(lines, min(30, len(lines))):
            draw = self.random.random()
            if draw < 0.8:
                values = {"status": "present", "reason": False}
            elif draw < 0.92:
                values = {"status": "absent_excused", "reason": self.random.choice(REASONS)}
            else:
                values = {"status": "absent_unexcused"}
            commands.append([1, line["id"], values])
        self.client.call(
            "roll_call", "party.meeting", "web_save",
            [[meeting["id"]], {"attendance_ids": commands}],
            specification=self.specs["meeting_form"],
        )
        return self.think()


# ----------------------------------------------------------------------
# CPU time from /proc
# ----------------------------------------------------------------------


def proc_cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as file:
            return file.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def proc_ticks(pid, children=False):
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as file:
            fields = file.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    # utime stime cutime cstime are fields 14-17; after the ")" they are 11-14
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks


def server_processes(ports, db):
    """{pid: (group, count the children's time)}: the odoo-bin processes of
    these ports (master and workers; the master also collects the time of
    the workers that ended), and the PostgreSQL backends of db."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        cmdline = proc_cmdline(entry)
        if "odoo-bin" in cmdline:
            for port in ports:
                if f"--http-port={port}" in cmdline or f"--http-port {port}" in cmdline:
                    found[int(entry)] = (f"odoo:{port}", True)
        elif cmdline.startswith("postgres: ") and f" {db} " in cmdline:
            found[int(entry)] = ("postgres", False)
    return found


def cpu_snapshot(ports, db):
    processes = server_processes(ports, db)
    return {pid: (group, proc_ticks(pid, children)) for pid, (group, children) in
            processes.items()}


def cpu_delta(before, after):
    """CPU seconds by group between two snapshots (a process gone since
    before is counted from its last reading: nothing)."""
    groups = {}
    for pid, (group, ticks) in after.items():
        start = before.get(pid, (group, 0))[1]
        groups[group] = groups.get(group, 0) + (ticks - start) / CLOCK_TICKS
    return groups


# ----------------------------------------------------------------------
# The run
# ----------------------------------------------------------------------


def run(args):
    import psycopg2  # noqa: PLC0415

    servers = args.servers.split(",")
    ports = [server.rsplit(":", 1)[1].split("/")[0] for server in servers]
    with psycopg2.connect(dbname=args.db) as conn, conn.cursor() as cr:
        cr.execute("SELECT login FROM res_users WHERE login LIKE 'load_cadre_%%' ORDER BY id")
        cadres = [row[0] for row in cr.fetchall()]
        cr.execute("SELECT login FROM res_users WHERE login LIKE 'load_secretary_%%' ORDER BY id")
        secretaries = [row[0] for row in cr.fetchall()]
    if not cadres or not secretaries:
        sys.exit("no load_cadre_ / load_secretary_ users: run --prepare first")
    specs = load_specs(servers[0], args.db, cadres[0], args.password)
    stats = Stats()
    sessions = []
    stop = threading.Event()
    counts = {"cadre": 0, "secretary": 0}
    for index in range(args.sessions):
        role = "secretary" if index % 3 == 2 else "cadre"
        logins = cadres if role == "cadre" else secretaries
        if counts[role] >= len(logins):
            sys.exit(f"not enough {role} users for {args.sessions} sessions: prepare more")
        login = logins[counts[role]]
        counts[role] += 1
        sessions.append(Session(index, role, login, servers[index % len(servers)], args, specs,
                                stats, stop))
    print(f"{args.sessions} sessions ({counts['cadre']} cadres, {counts['secretary']} "
          f"secretaries) on {', '.join(servers)}, think {args.think_min}-{args.think_max} s, "
          f"warm-up {args.warmup} s then {args.duration} s measured, seed {args.seed}")
    load_before = loadavg()
    print(f"load average before: {load_before}", flush=True)
    for session in sessions:
        session.start()
    # logging in costs Odoo's password hash (a third of a second of CPU and
    # more): users log in once a day, not between actions; measure after
    for session in sessions:
        session.logged_in.wait()
    print(f"  {time.strftime('%H:%M:%S')} all logged in", flush=True)
    time.sleep(args.warmup)
    cpu_before = cpu_snapshot(ports, args.db)
    own_before = os.times()
    measured_from = stats.measured_from = time.monotonic()
    stats.measuring = True
    forced = False
    while time.monotonic() < measured_from + args.duration:
        time.sleep(1)
        if args.force_crons is not None and not forced and \
                time.monotonic() - measured_from >= args.force_crons:
            force_crons(args.db)
            forced = True
    stats.measuring = False
    stop.set()
    elapsed = time.monotonic() - measured_from
    cpu_after = cpu_snapshot(ports, args.db)
    own_after = os.times()
    for session in sessions:
        session.join(timeout=130)
    load_after = loadavg()
    report(args, stats, measured_from, elapsed, cpu_delta(cpu_before, cpu_after),
           (own_after.user + own_after.system) - (own_before.user + own_before.system),
           load_before, load_after)


def report(args, stats, measured_from, elapsed, cpu, own_cpu, load_before, load_after):
    kinds = [kind for kind in ("my_meetings", "open_meeting", "chatter", "my_reports",
                               "open_report", "save_report", "submit", "roll_call")
             if kind in stats.times]
    total = sum(len(stats.times[kind]) for kind in kinds)
    errors = sum(stats.errors.get(kind, 0) for kind in kinds)
    print(f"\n{'kind':<13}{'count':>7}{'errors':>7}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
          f"{'req/s':>7}")
    rows = {}
    for kind in kinds:
        values = stats.times[kind]
        row = {
            "count": len(values), "errors": stats.errors.get(kind, 0),
            "p50": statistics.median(values) * 1000, "p95": percentile(values, 0.95) * 1000,
            "p99": percentile(values, 0.99) * 1000, "rps": len(values) / elapsed,
        }
        rows[kind] = row
        print(f"{kind:<13}{row['count']:>7}{row['errors']:>7}{row['p50']:>8.0f}"
              f"{row['p95']:>8.0f}{row['p99']:>8.0f}{row['rps']:>7.1f}")
    print(f"{'all':<13}{total:>7}{errors:>7}{'':>24}{total / elapsed:>7.1f}")
    server_cpu = sum(cpu.values())
    print(f"\nmeasured {elapsed:.0f} s; server CPU {server_cpu:.1f} s = "
          f"{server_cpu / max(total, 1) * 1000:.0f} ms a request ("
          + ", ".join(f"{group} {seconds:.1f} s" for group, seconds in sorted(cpu.items()))
          + f"); CPU use {server_cpu / elapsed * 100:.0f} % of one core; "
          f"the load generator {own_cpu:.1f} s")
    print(f"load average before: {load_before}, after: {load_after}")
    slowest = sorted(
        (sample for sample in stats.samples if sample[1] in kinds), key=lambda sample: -sample[2]
    )[:5]
    print("slowest: " + ", ".join(
        f"{kind} {seconds * 1000:.0f} ms at {start - measured_from:.0f} s"
        for start, kind, seconds in slowest
    ))
    if stats.messages:
        print("errors:")
        for message, count in sorted(stats.messages.items(), key=lambda item: -item[1])[:8]:
            print(f"  {count} x {message}")
    if args.json:
        with open(args.json, "a", encoding="utf-8") as file:
            file.write(json.dumps({
                "at": datetime.now().isoformat(timespec="seconds"), "servers": args.servers,
                "sessions": args.sessions, "seconds": round(elapsed), "kinds": rows,
                "requests": total, "errors": errors, "rps": total / elapsed,
                "cpu": cpu, "cpu_ms_per_request": server_cpu / max(total, 1) * 1000,
                "generator_cpu": own_cpu, "load_before": load_before, "load_after": load_after,
            }) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="party_load")
    parser.add_argument("--prepare", action="store_true")
    parser.add_argument("--prepare-crons", action="store_true")
    parser.add_argument("--check-crons", action="store_true")
    parser.add_argument("--since", help="with --check-crons: UTC time the crons were forced")
    parser.add_argument("--cadres", type=int, default=150)
    parser.add_argument("--secretaries", type=int, default=75)
    parser.add_argument("--password", default="load-test")
    parser.add_argument("--tz", default="Asia/Ho_Chi_Minh", help="the users' time zone")
    parser.add_argument("--servers", default="http://localhost:8081")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=120)
    parser.add_argument("--warmup", type=float, default=10,
                        help="seconds of load after the logins before the measure starts")
    parser.add_argument("--think-min", type=float, default=1.0)
    parser.add_argument("--think-max", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--force-crons", type=float,
                        help="set the addon's crons due this many seconds into the measure")
    parser.add_argument("--json", help="append the figures to this file")
    args = parser.parse_args()
    if args.prepare:
        prepare(args)
    elif args.check_crons:
        check_crons(args.db, args.since)
    else:
        run(args)


if __name__ == "__main__":
    main()
