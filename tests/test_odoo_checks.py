"""Odoo's own generic checks, as an integrator's CI runs them beside the
addon's tests: always-invisible fields explained (base's
TestInvisibleField), the lint module (manifests, translations, markers,
override signatures, onchange domains, routes...), the menus loading in the
web client, and Odoo's pylint pass over the addon's code. None may log an
ERROR."""

import os
import subprocess
import sys

from odoo.addons.test_lint.tests import test_manifests, test_pylint

ODOO_PATH = os.environ.get("ODOO_PATH", "/opt/odoo/18.0")
# The keys OCA's packaging reads, which Odoo's own manifest linter does not know.
OCA_MANIFEST_KEYS = {"maintainers", "development_status"}
DB = "party_odoo_checks_test"
TEST_TAGS = ",".join(
    [
        "/test_lint",
        # Odoo's pylint pass over the whole of Odoo takes long: the test below
        # runs it, with the same options, over the addon
        "-/test_lint:TestPyLint",
        # needs node's eslint, which the addon's JavaScript (one tour) does not
        "-/test_lint:TestESLint",
        # refuses OCA's manifest keys: the test below runs it with them allowed
        "-/test_lint:ManifestLinter",
        "/base:TestInvisibleField",
        "/web:LoadMenusTests",
    ]
)


def test_odoo_generic_checks_log_no_error(repo_root, tmp_path):
    log = tmp_path / "odoo-checks.log"
    subprocess.run(["dropdb", "--if-exists", DB], check=True, capture_output=True)
    try:
        result = subprocess.run(
            [
                sys.executable, f"{ODOO_PATH}/odoo-bin",
                f"--addons-path={ODOO_PATH}/addons,{repo_root}/addons",
                "-d", DB, "-i", "party_cell_meeting,party_cell_meeting_calendar,test_lint",
                "--without-demo=all",
                "--test-enable", f"--test-tags={TEST_TAGS}", "--stop-after-init",
                "--http-port=0", f"--logfile={log}", "--log-level=info",
            ],
            capture_output=True, text=True, check=False, timeout=900,
        )
    finally:
        subprocess.run(["dropdb", "--if-exists", DB], check=False, capture_output=True)
    text = log.read_text(errors="replace")
    problems = [
        line for line in text.splitlines()
        if " ERROR " in line or " CRITICAL " in line or line.startswith("Traceback")
    ]
    assert result.returncode == 0 and not problems, "\n".join(problems[:30]) or result.stderr
    assert "odoo.tests.result: 0 failed, 0 error(s)" in text


def test_odoo_pylint_pass_on_the_addon(addon_dir):
    """test_lint's TestPyLint, with its options, on the addon only (an
    unknown `# pylint: disable=` name fails it, as W0012)."""
    checks = test_pylint.TestPyLint
    here = os.path.dirname(test_pylint.__file__)
    result = subprocess.run(
        [
            sys.executable, "-m", "pylint",
            f"--rcfile={os.devnull}", "--disable=all",
            f"--enable={','.join(checks.ENABLED_CODES)}", "--reports=n",
            "--msg-template={msg} ({msg_id}) at {path}:{line}",
            "--load-plugins=pylint.extensions.bad_builtin,_odoo_checker_sql_injection,"
            "_odoo_checker_gettext,_odoo_checker_unlink_override",
            f"--bad-functions={','.join(checks.BAD_FUNCTIONS)}",
            f"--deprecated-modules={','.join(checks.BAD_MODULES)}",
            str(addon_dir),
        ],
        capture_output=True, text=True, check=False,
        env=dict(os.environ, PYTHONPATH=here + os.pathsep + os.environ.get("PYTHONPATH", "")),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_odoo_manifest_linter_on_the_addon():
    """test_lint's ManifestLinter on the addon, with OCA's keys allowed."""
    linter = test_manifests.ManifestLinter("test_manifests")
    manifest = linter._load_manifest("party_cell_meeting")
    unknown = set(manifest) - test_manifests.MANIFEST_KEYS - OCA_MANIFEST_KEYS
    assert not unknown, unknown
    linter._test_manifest_values("party_cell_meeting", manifest)
