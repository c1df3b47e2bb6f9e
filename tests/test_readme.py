"""The README tells a new integrator what they need: the two commands, the
demo logins of every role, first steps linked from the top, and how to run
it in production."""

import re

import pytest


@pytest.fixture(scope="module")
def readme(repo_root):
    return (repo_root / "README.md").read_text()


def section(readme, title):
    match = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^## |\Z)", readme, re.M | re.S)
    assert match, f"no section {title!r}"
    return match.group(1)


def test_the_two_commands(readme):
    assert "docker compose up" in section(readme, "Try it: one command")
    assert "scripts/run_tests.sh" in section(readme, "Run the tests: one command")


def test_every_demo_login_is_listed(readme, addon_dir):
    demo = (addon_dir / "demo" / "party_member_demo.xml").read_text()
    logins = re.findall(r'<field name="login">([^<]+)</field>', demo)
    assert logins
    listed = section(readme, "Demo logins")
    for login in [*logins, "admin"]:
        assert f"`{login}`" in listed, login


def test_first_steps_are_linked_from_the_top(readme):
    top = readme.split("\n## ", 1)[0]
    assert "(#first-steps)" in top and "(#production)" in top
    steps = section(readme, "First steps")
    assert "\n1. " in steps and "\n2. " in steps


def test_production_covers_what_an_integrator_asks(readme):
    production = section(readme, "Production").lower()
    for topic in ("mail", "workers", "8072", "proxy", "master password", "backups",
                  "filestore", "upgrading", "time zone", "wkhtmltopdf", "import",
                  "docker-compose.prod.yml", ".env"):
        assert topic in production, topic


@pytest.mark.parametrize(
    ("journey", "tour_file"),
    [
        ("A cadre's report", "party_cadre_report_tour.js"),
        ("A secretary's roll call of 28 members", "party_role_tours.js"),
    ],
)
def test_the_taps_written_are_those_the_tours_hold(readme, addon_dir, journey, tour_file):
    taps = section(readme, "On a phone, in taps")
    written = re.search(rf"\*\*{re.escape(journey)}: (\d+) taps\*\*", taps)
    assert written, journey
    tour = (addon_dir / "static" / "tests" / "tours" / tour_file).read_text()
    assert f"tapsAtMost({written.group(1)}, steps)" in tour
