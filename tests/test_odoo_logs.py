"""The Odoo logs of this run stay clean: installs without an ERROR or a
WARNING, tests without an ERROR, CRITICAL or traceback."""

import re

import pytest

LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) ")
# pytest-odoo imports Odoo's test framework before it turns test mode on, and
# Odoo logs that import as an error; test mode from the start would make Odoo
# run every module's tests while pytest-odoo loads the registry.
PYTEST_ODOO_IMPORT = "odoo.tests.common: Importing test framework, avoid importing"


def problems(path, levels):
    found = []
    for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
        match = LOG_LINE.match(line)
        if PYTEST_ODOO_IMPORT in line:
            continue
        if (match and match["level"] in levels) or "Traceback (most recent call last)" in line:
            found.append(f"{path.name}:{number}: {line}")
    return found


@pytest.mark.parametrize("log_name", ["install-without-demo", "install-with-demo"])
def test_install_log_has_no_error_or_warning(log_dir, log_name):
    path = log_dir / f"{log_name}.log"
    assert path.is_file(), f"{path} is missing: the install did not run"
    text = path.read_text(errors="replace")
    assert "Modules loaded." in text, f"the install did not finish: see {path}"
    found = problems(path, {"WARNING", "ERROR", "CRITICAL"})
    assert not found, "\n".join(found)


def test_test_log_has_no_error(log_dir):
    """Runs after the addon's tests (pytest is given their folder first)."""
    path = log_dir / "tests.log"
    assert path.is_file(), f"{path} is missing"
    found = problems(path, {"ERROR", "CRITICAL"})
    assert not found, "\n".join(found)
