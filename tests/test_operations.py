"""The compose stack's logic, proven natively (no Docker engine is reachable
where CI runs): the database is made once and never again, the server starts
any number of times, an upgrade keeps what an administrator set, and the
addon uninstalls without an error from a database full of demo and daily
records.

docker/party-odoo.sh is the one script both the compose services and these
tests run; only the way Odoo is started differs ("/entrypoint.sh odoo" in
the image, odoo-bin here)."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import yaml

ODOO_PATH = os.environ.get("ODOO_PATH", "/opt/odoo/18.0")
DB = "party_operations_test"
IMAGE_ODOO = ["/entrypoint.sh", "odoo"]
MOUNT = "/mnt/party-docker/"


@pytest.fixture(scope="module")
def compose(repo_root):
    return yaml.safe_load((repo_root / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def compose_prod(repo_root):
    return yaml.safe_load((repo_root / "docker-compose.prod.yml").read_text())


def native_command(compose_command, repo_root, log):
    """A compose service's command as it runs here: the mounted scripts are
    the repository's, and Odoo is odoo-bin with the addons the image mounts."""
    assert compose_command[-2:] == IMAGE_ODOO, compose_command
    script = [
        str(repo_root / "docker" / part[len(MOUNT):]) if part.startswith(MOUNT) else part
        for part in compose_command[:-2]
    ]
    odoo = [
        sys.executable, f"{ODOO_PATH}/odoo-bin",
        f"--addons-path={ODOO_PATH}/addons,{repo_root}/addons", f"--logfile={log}",
    ]
    return script + odoo


def run(command, **env):
    return subprocess.run(
        command, capture_output=True, text=True, check=False,
        env={**os.environ, "PARTY_DB": DB, **env}, timeout=600,
    )


def psql(sql):
    return subprocess.run(
        ["psql", "-d", DB, "-tAc", sql], capture_output=True, text=True, check=True
    ).stdout.strip()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log_errors(path):
    text = path.read_text(errors="replace") if path.exists() else ""
    return [
        line for line in text.splitlines()
        if " ERROR " in line or " CRITICAL " in line or line.startswith("Traceback")
    ]


@pytest.fixture(scope="module")
def initialized(compose, repo_root, tmp_path_factory):
    """The database as the first `docker compose up` leaves it."""
    subprocess.run(["dropdb", "--if-exists", DB], check=True, capture_output=True)
    log = tmp_path_factory.mktemp("operations") / "init.log"
    command = native_command(compose["services"]["odoo-init"]["command"], repo_root, log)
    result = run(command)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not log_errors(log), log_errors(log)
    yield command, log
    subprocess.run(["dropdb", "--if-exists", DB], check=False, capture_output=True)


def serve(compose, repo_root, log, **env):
    port = free_port()
    command = native_command(compose["services"]["odoo"]["command"], repo_root, log)
    server = subprocess.Popen(
        [*command, f"--http-port={port}"],
        env=dict(os.environ, PARTY_DB=DB, **env),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    deadline = time.monotonic() + 90
    status = None
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/web/login", timeout=5) as answer:
                status = answer.status
                break
        except OSError:
            time.sleep(1)
    return server, port, status


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


# ----------------------------------------------------------------------
# the compose files
# ----------------------------------------------------------------------


def test_the_server_never_installs_or_updates(compose):
    services = compose["services"]
    odoo = services["odoo"]
    for service in ("odoo", "tests"):
        arguments = " ".join(services[service]["command"])
        assert "--init" not in arguments and " -i" not in arguments, service
        assert "--update" not in arguments and " -u" not in arguments, service
    assert odoo["depends_on"]["odoo-init"]["condition"] == "service_completed_successfully"
    assert services["odoo-init"]["restart"] == "no"
    assert "/web/health" in " ".join(odoo["healthcheck"]["test"])
    assert odoo["command"][:4] == ["sh", f"{MOUNT}party-odoo.sh", "serve", *IMAGE_ODOO[:1]]
    assert services["odoo-init"]["command"][:3] == ["sh", f"{MOUNT}party-odoo.sh", "init"]


def test_the_addons_are_mounted_and_the_port_stays_on_this_machine(compose):
    for service in ("odoo", "odoo-init"):
        volumes = compose["services"][service]["volumes"]
        assert "./addons:/mnt/extra-addons:ro" in volumes
        assert f"./docker:{MOUNT.rstrip('/')}:ro" in volumes
    for port in compose["services"]["odoo"]["ports"]:
        assert port.startswith("127.0.0.1:"), port


def test_production_settings_come_from_an_env_file(compose_prod, repo_root):
    services = compose_prod["services"]
    for service in ("db", "odoo-init", "odoo"):
        assert services[service]["env_file"] == ".env"
    settings = services["odoo"]["environment"]
    assert settings["PARTY_LIST_DB"] == "False"
    assert settings["PARTY_PROXY_MODE"] == "True"
    assert int(settings["PARTY_WORKERS"]) >= 2
    assert "127.0.0.1:8072:8072" in services["odoo"]["ports"]
    assert services["odoo-init"]["environment"]["PARTY_WITHOUT_DEMO"]
    example = (repo_root / ".env.example").read_text()
    assert "ODOO_ADMIN_PASSWD=" in example and "POSTGRES_PASSWORD=" in example
    assert ".env" in (repo_root / ".gitignore").read_text().split()


def test_the_test_image_has_a_browser_and_websocket_client(compose, repo_root):
    dockerfile = (repo_root / "docker" / "Dockerfile.test").read_text()
    assert dockerfile.startswith("#") and "FROM odoo:18.0" in dockerfile
    assert "google-chrome-stable" in dockerfile
    assert "requirements-test.txt" in dockerfile
    assert "websocket-client" in (repo_root / "requirements-test.txt").read_text()
    tests = compose["services"]["tests"]
    assert tests["profiles"] == ["test"]
    assert tests["build"]["dockerfile"] == "docker/Dockerfile.test"


# ----------------------------------------------------------------------
# the stack's logic, natively
# ----------------------------------------------------------------------


def test_second_start_initializes_nothing(initialized):
    command, log = initialized
    assert psql("SELECT state FROM ir_module_module WHERE name = 'party_cell_meeting'") == (
        "installed"
    )
    assert int(psql("SELECT count(*) FROM party_meeting")) > 0, "no demo data"
    lines_before = log.read_text().count("\n")
    result = run(command)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "nothing to do" in result.stdout
    # Odoo was not even started
    assert log.read_text().count("\n") == lines_before


def test_the_server_answers_after_each_restart(initialized, compose, repo_root, tmp_path):
    log = tmp_path / "serve.log"
    for _start in range(2):
        server, _port, status = serve(compose, repo_root, log)
        stop(server)
        assert status == 200, server.stdout.read()
    assert not log_errors(log), log_errors(log)


def test_production_settings_close_the_database_manager(initialized, compose, repo_root,
                                                       tmp_path):
    log = tmp_path / "serve-prod.log"
    server, port, status = serve(
        compose, repo_root, log,
        PARTY_LIST_DB="False", PARTY_PROXY_MODE="True", ODOO_ADMIN_PASSWD="a-master-password",
    )
    try:
        assert status == 200
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/web/database/list",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": {}}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            reply = json.load(answer)
        assert "error" in reply and "result" not in reply, reply
        arguments = subprocess.run(
            ["ps", "-ww", "-o", "args=", "-p", str(server.pid)], capture_output=True, text=True,
            check=True,
        ).stdout
        assert "--no-database-list" in arguments and "--proxy-mode" in arguments
        config = arguments.split("--config=")[1].split()[0]
        assert "admin_passwd = a-master-password" in open(config).read()
        assert oct(os.stat(config).st_mode & 0o777) == "0o600"
    finally:
        stop(server)


def test_an_upgrade_keeps_what_the_administrator_set(initialized, repo_root, tmp_path):
    psql(
        "UPDATE ir_cron SET interval_number = 7, active = false WHERE id = ("
        "SELECT res_id FROM ir_model_data WHERE module = 'party_cell_meeting' "
        "AND name = 'party_meeting_cron_generate')"
    )
    psql(
        "UPDATE mail_activity_type SET delay_count = 9 WHERE id = ("
        "SELECT res_id FROM ir_model_data WHERE module = 'party_cell_meeting' "
        "AND name = 'mail_activity_type_attend_meeting')"
    )
    log = tmp_path / "upgrade.log"
    result = run([
        sys.executable, f"{ODOO_PATH}/odoo-bin",
        f"--addons-path={ODOO_PATH}/addons,{repo_root}/addons", f"--logfile={log}",
        "-d", DB, "-u", "party_cell_meeting", "--stop-after-init",
    ])
    assert result.returncode == 0, result.stderr
    assert not log_errors(log), log_errors(log)
    cron = psql(
        "SELECT interval_number, active FROM ir_cron WHERE id = ("
        "SELECT res_id FROM ir_model_data WHERE module = 'party_cell_meeting' "
        "AND name = 'party_meeting_cron_generate')"
    )
    assert cron == "7|f"
    assert psql(
        "SELECT delay_count FROM mail_activity_type WHERE id = ("
        "SELECT res_id FROM ir_model_data WHERE module = 'party_cell_meeting' "
        "AND name = 'mail_activity_type_attend_meeting')"
    ) == "9"


def test_uninstall_and_reinstall_log_no_error(initialized, repo_root):
    """Odoo's own module-operations script on the demo database, which holds
    reports, scores and proposals made by actions (without xml ids)."""
    assert int(psql("SELECT count(*) FROM party_meeting_report")) > 0
    result = run([
        sys.executable, f"{ODOO_PATH}/odoo/tests/test_module_operations.py",
        "-d", DB, f"--addons-path={ODOO_PATH}/addons,{repo_root}/addons",
        "uninstall", "party_cell_meeting",
    ])
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    errors = [line for line in output.splitlines() if " ERROR " in line or " CRITICAL " in line]
    assert not errors, "\n".join(errors[:20])
    assert "party_cell_meeting uninstalled" in output and "party_cell_meeting installed" in output
    assert psql("SELECT state FROM ir_module_module WHERE name = 'party_cell_meeting'") == (
        "installed"
    )


def test_the_docker_test_runner_fails_on_a_skipped_test(repo_root, tmp_path):
    """docker/run-tests.sh holds Odoo's runner to the native rule; here Odoo
    is replaced by a stand-in that logs a skipped test."""
    fake_odoo = tmp_path / "odoo"
    fake_odoo.write_text(
        "#!/bin/sh\n"
        "for argument; do case $argument in --logfile=*) log=${argument#--logfile=};; esac; done\n"
        "echo '2026-01-01 00:00:00,000 1 INFO db odoo.addons.x.tests: skipped Test.test : no"
        " browser' > \"$log\"\n"
        "echo '2026-01-01 00:00:00,000 1 INFO db odoo.tests.result: 0 failed, 0 error(s) of 1"
        " tests' >> \"$log\"\n"
    )
    fake_odoo.chmod(0o755)
    result = run(["sh", str(repo_root / "docker" / "run-tests.sh"), str(fake_odoo)],
                 PARTY_DB="party_docker_runner_test")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "skipped" in result.stderr


def test_the_docker_test_runner_passes_a_real_run(repo_root, tmp_path):
    result = run(
        [
            "sh", str(repo_root / "docker" / "run-tests.sh"),
            sys.executable, f"{ODOO_PATH}/odoo-bin",
            f"--addons-path={ODOO_PATH}/addons,{repo_root}/addons",
            f"--http-port={free_port()}",
        ],
        PARTY_DB="party_docker_runner_test",
        PARTY_TEST_TAGS="/party_cell_meeting:TestMeetingGeneration",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"0 failed, 0 error\(s\) of [1-9]\d* tests", result.stdout), result.stdout
    databases = subprocess.run(
        ["psql", "-d", "postgres", "-tAc", "SELECT datname FROM pg_database"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    assert "party_docker_runner_test" not in databases, "the runner left its database"
