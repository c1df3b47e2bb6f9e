"""A database of the previous version upgrades to this one without losing a
record: the addon as it was at 18.0.1.0.0 (commit 92c2e7c, before the
structure of 2025) is installed with its demo data (districts, meetings,
reports, proposals, scores), then upgraded with `-u party_cell_meeting` to the
working tree, through the migrations of 18.0.2.0.0 (the structure of 2025),
18.0.3.0.0 (the rules of 2025), 18.0.3.1.0 (the calendar's span),
18.0.3.2.0 (the roll call) and 18.0.3.3.0 (the lines' stored meeting state,
committee and role). Every record is still there, each district became the
superior committee of the records it held, every statistic still reads the
figures it read, and the evaluations made before Quy định 366-QĐ/TW keep the
rating they had under the scheme of rates. The last release (18.0.3.2.0)
upgrades the same way."""

import json
import os
import subprocess
import sys

import pytest
from test_operations import log_errors

ODOO_PATH = os.environ.get("ODOO_PATH", "/opt/odoo/18.0")
PREVIOUS_VERSION = "92c2e7c"
# the release just before this one: 18.0.3.2.0
LAST_RELEASE = "6d04e5d"
DB = "party_upgrade_test"
MARK = "PARTY-SNAPSHOT:"

# What a database holds, read through the ORM: the ids of every record of
# every stored model of the addon, the committee each record reads under, and
# the figures of every statistic (SQL views) keyed by their row.
SNAPSHOT = r'''
import json
result = {"records": {}, "committees": {}, "figures": {}}
for name in sorted(env):
    Model = env[name].with_context(active_test=False)
    if not name.startswith("party.") or Model._abstract or Model._transient:
        continue
    committee = "superior_id" if "superior_id" in Model._fields else "district_id"
    if Model._auto:
        records = Model.search([])
        result["records"][name] = sorted(records.ids)
        if committee in Model._fields:
            result["committees"][name] = {
                str(record.id): record[committee].id for record in records
            }
        continue
    numbers = [
        field_name for field_name, field in Model._fields.items()
        if field.type in ("integer", "float") and field.store and field_name != "id"
    ]
    keys = [
        field_name for field_name in ("cell_id", "cadre_id", "member_id", "period", "year")
        if field_name in Model._fields
    ]
    rows = Model.search_read([], keys + numbers)
    result["figures"][name] = sorted(
        (
            [[str(row[key][0] if isinstance(row[key], tuple | list) else row[key])
              for key in keys],
             {number: round(row[number] or 0, 2) for number in numbers}]
            for row in rows
        ),
        key=json.dumps,
    )
Evaluation = env["party.cadre.evaluation"]
result["evaluations"] = {
    str(evaluation.id): [
        evaluation.suggested_rating, evaluation.rating,
        evaluation.scheme_id.get_external_id()[evaluation.scheme_id.id]
        if "scheme_id" in Evaluation._fields else None,
        evaluation.period_type if "period_type" in Evaluation._fields else None,
    ]
    for evaluation in Evaluation.search([])
}
result["cell_types"] = {
    str(cell.id): cell.cell_type
    for cell in env["party.organization"].with_context(active_test=False).search(
        [("level", "=", "cell")]
    )
}
Meeting = env["party.meeting"]
if "calendar_start" in Meeting._fields:
    # the span as the SQL of the migration stored it, and as the ORM computes it
    from datetime import timedelta
    from odoo.addons.party_cell_meeting.models.party_meeting import planned_start_utc
    result["calendar_spans"] = {}
    for m in Meeting.search([]):
        start = planned_start_utc(m.date, m.time_start, m.company_id)
        result["calendar_spans"][str(m.id)] = [
            [str(m.calendar_start), str(m.calendar_stop)],
            [str(start), str(start + timedelta(hours=m._planned_hours()))],
        ]
Line = env["party.meeting.attendance"]
if "issuer_id" in Line._fields:
    # the columns as the SQL of the migration filled them, and as the ORM
    # computes them from the meeting and the assignment
    result["line_helpers"] = {
        str(line.id): [
            [line.meeting_state, line.issuer_id.id, line.assignment_role],
            [line.meeting_id.state, line.assignment_id.issuer_id.id,
             line.assignment_id.role],
        ]
        for line in Line.search([])
    }
print("''' + MARK + r'''" + json.dumps(result))
'''


def odoo(addons, *arguments, subcommand=(), stdin=None, log=None, db=DB):
    command = [
        sys.executable, f"{ODOO_PATH}/odoo-bin", *subcommand,
        f"--addons-path={ODOO_PATH}/addons,{addons}",
        "-d", db, "--log-level=warn", *arguments,
    ]
    if log:
        command.append(f"--logfile={log}")
    result = subprocess.run(
        command, input=stdin, capture_output=True, text=True, timeout=900, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def snapshot(addons, db=DB):
    output = odoo(addons, "--no-http", subcommand=["shell"], stdin=SNAPSHOT, db=db)
    line = next(line for line in output.splitlines() if line.startswith(MARK))
    return json.loads(line[len(MARK):])


def install_and_upgrade(repo_root, tmp_path_factory, commit, db):
    """Install the addon as it was at commit, as docker-compose installs it
    (with demo data, in Vietnamese), snapshot it, upgrade it to the working
    tree, snapshot it again."""
    previous = tmp_path_factory.mktemp(f"previous-{commit}")
    archive = subprocess.run(
        ["git", "-C", str(repo_root), "archive", commit, "addons/party_cell_meeting"],
        capture_output=True, check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(previous)], input=archive, check=True)
    previous_addons = previous / "addons"
    subprocess.run(["dropdb", "--if-exists", db], check=True, capture_output=True)
    odoo(previous_addons, "-i", "party_cell_meeting", "--without-demo=", "--load-language=vi_VN",
         "--stop-after-init", db=db)
    before = snapshot(previous_addons, db=db)
    log = tmp_path_factory.mktemp(f"upgrade-{commit}") / "upgrade.log"
    odoo(repo_root / "addons", "-u", "party_cell_meeting", "--stop-after-init", log=log, db=db)
    after = snapshot(repo_root / "addons", db=db)
    version = subprocess.run(
        ["psql", "-d", db, "-tAc",
         "SELECT latest_version FROM ir_module_module WHERE name = 'party_cell_meeting'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    return before, after, log, version


@pytest.fixture(scope="module")
def upgraded(repo_root, tmp_path_factory):
    yield install_and_upgrade(repo_root, tmp_path_factory, PREVIOUS_VERSION, DB)
    subprocess.run(["dropdb", "--if-exists", DB], check=False, capture_output=True)


@pytest.fixture(scope="module")
def upgraded_from_last_release(repo_root, tmp_path_factory):
    db = f"{DB}_last"
    yield install_and_upgrade(repo_root, tmp_path_factory, LAST_RELEASE, db)
    subprocess.run(["dropdb", "--if-exists", db], check=False, capture_output=True)


def test_the_last_release_upgrades_without_error_or_loss(upgraded_from_last_release, addon_dir):
    """18.0.3.3.0 stores on each attendance line its meeting's state and its
    assignment's committee and role, filled by the migration's SQL; the
    cadres' statistics now read them."""
    before, after, log, version = upgraded_from_last_release
    assert not log_errors(log), log_errors(log)
    assert f'"version": "{version}"' in (addon_dir / "__manifest__.py").read_text()
    assert sum(map(len, before["records"].values())) > 500
    for model, ids in before["records"].items():
        assert set(ids) <= set(after["records"][model]), model
    assert before["figures"]["party.cadre.stat"]
    assert before["figures"] == after["figures"]
    helpers = after["line_helpers"]
    assert any(stored[1] for stored, _computed in helpers.values()), "no cadre line"
    for line_id, (stored, computed) in helpers.items():
        assert stored == computed, line_id


def test_the_members_rule_is_rewritten(upgraded):
    """18.0.3.2.0 rewrites the members' rule of a noupdate file, which stays
    noupdate."""
    rule = subprocess.run(
        ["psql", "-d", DB, "-tAc",
         "SELECT rule.domain_force, data.noupdate FROM ir_rule rule"
         " JOIN ir_model_data data ON data.res_id = rule.id AND data.model = 'ir.rule'"
         " WHERE data.module = 'party_cell_meeting' AND data.name = 'party_member_rule_member'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert "'assignment_ids', 'any'" in rule and rule.endswith("|t"), rule


def test_the_upgrade_logs_no_error_and_reaches_this_version(upgraded, addon_dir):
    _before, _after, log, version = upgraded
    assert not log_errors(log), log_errors(log)
    manifest = (addon_dir / "__manifest__.py").read_text()
    assert f'"version": "{version}"' in manifest


def test_no_record_is_lost(upgraded):
    before, after, _log, _version = upgraded
    assert before["records"], "the previous version's demo data is missing"
    assert sum(map(len, before["records"].values())) > 500
    for model, ids in before["records"].items():
        assert set(ids) <= set(after["records"].get(model, [])), model


def test_each_district_became_the_superior_committee(upgraded):
    before, after, _log, _version = upgraded
    assert "party.meeting" in before["committees"]
    for model, districts in before["committees"].items():
        superiors = after["committees"][model]
        for record_id, district_id in districts.items():
            if district_id:
                assert superiors[record_id] == district_id, (model, record_id)
            else:
                # what no district covered now reads under its province
                assert superiors[record_id], (model, record_id)


def test_every_statistic_reads_the_same_figures(upgraded):
    before, after, _log, _version = upgraded
    assert before["figures"]["party.cell.month.stat"]
    for model, rows in before["figures"].items():
        # the upgrade may bring demo records of its own (the meetings of
        # early 2025), never change or drop a row that was there
        # a figure the new version adds (a new column) is not compared
        after_rows = [
            [keys, {number: numbers[number] for number in rows[0][1] if number in numbers}]
            for keys, numbers in after["figures"][model]
        ] if rows else []
        missing = [row for row in rows if row not in after_rows]
        assert not missing, (model, missing[:3])


def test_evaluations_keep_their_rating_under_the_scheme_of_rates(upgraded):
    before, after, _log, _version = upgraded
    assert before["evaluations"], "the previous version's demo has no evaluation"
    for evaluation_id, (suggested, rating, _scheme, _period) in before["evaluations"].items():
        assert after["evaluations"][evaluation_id] == [
            suggested, rating, "party_cell_meeting.party_rating_scheme_rates", "year"
        ], evaluation_id


def test_cells_take_the_kinds_of_hd_42(upgraded):
    before, after, _log, _version = upgraded
    kinds = {"residential", "agency", "state_enterprise", "private_enterprise", "student",
             "armed_forces"}
    assert before["cell_types"]
    for cell_id, kind in before["cell_types"].items():
        if kind == "other":
            assert after["cell_types"][cell_id] in kinds, cell_id
        else:
            assert after["cell_types"][cell_id] == kind, cell_id


def test_meetings_get_the_span_the_orm_would_give_them(upgraded):
    _before, after, _log, _version = upgraded
    assert after["calendar_spans"]
    for meeting_id, (stored, computed) in after["calendar_spans"].items():
        assert stored == computed, meeting_id
        assert stored[0] != "False", meeting_id
