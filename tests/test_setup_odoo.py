"""The test command sets Odoo up itself where it is missing: a shallow clone
of ODOO_REF from ODOO_REPO and a virtualenv with its requirements, or a
clear message when neither can be had. A small stand-in repository plays
Odoo's (the real one is a gigabyte)."""

import os
import subprocess

import pytest


def make_repository(path, installable=False):
    """A git repository shaped like Odoo's where the setup looks; with its
    setup.py when installable."""
    (path / "odoo").mkdir(parents=True)
    if installable:
        (path / "setup.py").write_text(
            "from setuptools import setup\nsetup(name='odoo', version='18.0', packages=['odoo'])\n"
        )
    (path / "odoo-bin").write_text("#!/usr/bin/env python3\n")
    (path / "odoo" / "__init__.py").write_text("")
    (path / "odoo" / "release.py").write_text('major_version = "18.0"\n')
    (path / "requirements.txt").write_text("# Odoo's requirements\n")
    for command in (
        ["git", "init", "-q"],
        ["git", "add", "-A"],
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "18.0"],
    ):
        subprocess.run(command, cwd=path, check=True)
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=path, capture_output=True, text=True, check=True
    ).stdout.strip()


def setup_odoo(repo_root, **env):
    return subprocess.run(
        [str(repo_root / "scripts" / "setup_odoo.sh")],
        capture_output=True, text=True, check=False, timeout=600,
        env={**os.environ, "SETUP_ODOO_APT": "no", **env},
    )


@pytest.fixture
def odoo_repository(tmp_path):
    path = tmp_path / "upstream"
    return path, make_repository(path)


def test_a_missing_odoo_is_cloned_at_the_pinned_commit(repo_root, tmp_path, odoo_repository):
    upstream, commit = odoo_repository
    target = tmp_path / "odoo"
    result = setup_odoo(
        repo_root, ODOO_PATH=str(target), ODOO_REPO=f"file://{upstream}", ODOO_REF=commit,
        ODOO_PYTHON=os.environ.get("ODOO_PYTHON", "/opt/odoo/venv/bin/python"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (target / "odoo-bin").is_file()
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=target, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert head == commit
    assert "Odoo 18.0" in result.stdout


def test_a_missing_virtualenv_is_made_with_the_requirements(repo_root, tmp_path):
    upstream = tmp_path / "upstream"
    make_repository(upstream, installable=True)
    python = tmp_path / "venv" / "bin" / "python"
    result = setup_odoo(repo_root, ODOO_PATH=str(upstream), ODOO_PYTHON=str(python))
    assert result.returncode == 0, result.stdout + result.stderr
    assert python.is_file()
    assert "Odoo 18.0" in result.stdout
    # Odoo imports without PYTHONPATH, as Odoo's own tools run it
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    imported = subprocess.run(
        [str(python), "-c", "import odoo, sys; sys.stdout.write(odoo.__file__)"],
        cwd="/", capture_output=True, text=True, check=False, env=env,
    )
    assert imported.stdout.startswith(str(upstream)), imported.stderr


def test_no_odoo_and_no_network_is_said_plainly(repo_root, tmp_path):
    target = tmp_path / "odoo"
    result = setup_odoo(
        repo_root, ODOO_PATH=str(target), ODOO_REPO=f"file://{tmp_path}/nowhere",
    )
    assert result.returncode == 2
    assert "could not be fetched" in result.stderr
    assert "README" in result.stderr
    assert not target.exists(), "a failed fetch leaves nothing behind"
