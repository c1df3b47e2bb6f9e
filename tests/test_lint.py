"""The linters the project holds itself to: ruff, pylint-odoo with OCA's
mandatory checks, and OCA's checks of the addon's XML, CSV and PO files."""

import subprocess
import sys
from pathlib import Path


def run(repo_root, *command):
    result = subprocess.run(
        command, cwd=repo_root, capture_output=True, text=True, check=False
    )
    return result.returncode, result.stdout + result.stderr


def oca_checker(name):
    """OCA's checkers are console scripts installed beside the Python running us."""
    return str(Path(sys.executable).parent / name)


def test_ruff(repo_root):
    code, output = run(repo_root, sys.executable, "-m", "ruff", "check", "--no-fix", ".")
    assert code == 0, output


def test_pylint_odoo_mandatory_checks(repo_root, addon_dir):
    code, output = run(
        repo_root, sys.executable, "-m", "pylint", "--rcfile=.pylintrc", str(addon_dir)
    )
    assert code == 0, output


def test_oca_module_checks(repo_root, addon_dir):
    # The XML header and attribute-order checks are style choices that Odoo's
    # own addons do not follow.
    code, output = run(
        repo_root,
        oca_checker("oca-checks-odoo-module"),
        "--disable=xml-header-wrong,xml-tag-position",
        str(addon_dir),
    )
    assert code == 0, output


def test_oca_po_checks(repo_root, addon_dir):
    po_files = sorted(str(path) for path in (addon_dir / "i18n").glob("*.po*"))
    assert po_files, "the addon has no translation files"
    code, output = run(repo_root, oca_checker("oca-checks-po"), *po_files)
    assert code == 0, output
