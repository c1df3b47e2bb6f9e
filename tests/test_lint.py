"""The linters the project holds itself to, as its pre-commit configuration
lists them: ruff, pylint-odoo with OCA's mandatory checks, and OCA's checks
of the addon's manifest, XML, CSV and PO files."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

HOOKS_CONFIG = Path(__file__).resolve().parent.parent / ".pre-commit-config.yaml"


def hook_ids():
    config = yaml.safe_load(HOOKS_CONFIG.read_text())
    return [hook["id"] for repo in config["repos"] for hook in repo["hooks"]]


@pytest.mark.parametrize("hook", hook_ids())
def test_pre_commit_hook_passes(repo_root, hook):
    """Each hook of the repository's pre-commit configuration, on every
    file, with the linters installed beside the Python running us."""
    tools = str(Path(sys.executable).parent)
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", hook, "--all-files", "--color=never"],
        cwd=repo_root, capture_output=True, text=True, check=False,
        env={**os.environ, "PATH": tools + os.pathsep + os.environ.get("PATH", "")},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_linter_is_a_hook():
    assert set(hook_ids()) == {"ruff", "pylint-odoo", "oca-checks-odoo-module", "oca-checks-po"}
