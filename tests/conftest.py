import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def repo_root():
    return Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def addon_dir(repo_root):
    return repo_root / "addons" / "party_cell_meeting"


@pytest.fixture(scope="session")
def log_dir(repo_root):
    """Where the README's test command writes the Odoo logs of this run."""
    path = Path(os.environ.get("PARTY_TEST_LOG_DIR", repo_root / ".test-logs"))
    assert path.is_dir(), (
        f"{path} does not exist: run the suite with scripts/run_tests.sh, which "
        "installs the addon and writes the Odoo logs there."
    )
    return path
