"""The users read Vietnamese: every string the addon shows is in its .pot
template, and vi.po translates all of them."""

import os
import re
import subprocess
import sys

import polib
import pytest

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


MODULES = ["party_cell_meeting", "party_cell_meeting_calendar"]


@pytest.fixture(scope="module", params=MODULES)
def module(request):
    return request.param


@pytest.fixture(scope="module")
def module_dir(repo_root, module):
    return repo_root / "addons" / module


@pytest.fixture(scope="module")
def exported_pot(tmp_path_factory, repo_root, log_dir, module):
    """The template Odoo exports now from the installed module's code and data."""
    odoo_path = os.environ.get("ODOO_PATH", "/opt/odoo/18.0")
    pot = tmp_path_factory.mktemp("i18n") / f"{module}.pot"
    log = log_dir / f"i18n-export-{module}.log"
    result = subprocess.run(
        [
            sys.executable, f"{odoo_path}/odoo-bin",
            f"--addons-path={odoo_path}/addons,{repo_root}/addons",
            "-d", os.environ.get("PARTY_TEST_DB", "party_cell_meeting_test"),
            f"--i18n-export={pot}", f"--modules={module}",
            "--stop-after-init", f"--logfile={log}",
        ],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0 and pot.is_file(), result.stderr
    log_text = log.read_text(errors="replace")
    assert " ERROR " not in log_text, log_text
    return polib.pofile(str(pot))


def keys(catalog):
    return {(entry.msgctxt, entry.msgid) for entry in catalog if not entry.obsolete}


def test_committed_pot_is_up_to_date(exported_pot, module_dir, module):
    committed = polib.pofile(str(module_dir / "i18n" / f"{module}.pot"))
    missing = keys(exported_pot) - keys(committed)
    stale = keys(committed) - keys(exported_pot)
    assert not missing and not stale, (
        "Regenerate i18n/party_cell_meeting.pot with odoo-bin --i18n-export.\n"
        f"Missing: {sorted(m for _, m in missing)[:20]}\nStale: {sorted(m for _, m in stale)[:20]}"
    )


def test_vi_po_translates_every_string(exported_pot, module_dir):
    vi = polib.pofile(str(module_dir / "i18n" / "vi.po"))
    translated = {
        (entry.msgctxt, entry.msgid)
        for entry in vi.translated_entries()
        if "fuzzy" not in entry.flags
    }
    untranslated = keys(exported_pot) - translated
    assert not untranslated, (
        f"{len(untranslated)} untranslated: {sorted(m for _, m in untranslated)[:20]}"
    )
    assert not vi.fuzzy_entries(), [entry.msgid for entry in vi.fuzzy_entries()]
    assert not vi.obsolete_entries(), [entry.msgid for entry in vi.obsolete_entries()]


def test_vi_po_keeps_the_placeholders(module_dir):
    vi = polib.pofile(str(module_dir / "i18n" / "vi.po"))
    broken = [
        entry.msgid
        for entry in vi.translated_entries()
        if sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr))
    ]
    assert not broken, broken
