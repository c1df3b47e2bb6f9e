"""The addon packaged as the Odoo ecosystem expects: a wheel built by whool
(as OCA publishes addons), a README.rst made from readme/ fragments, the
manifest keys of OCA, and a description page with screenshots of the real
screens."""

import ast
import re
import subprocess
import sys
import zipfile

import pytest


@pytest.fixture(scope="module")
def manifest(addon_dir):
    return ast.literal_eval((addon_dir / "__manifest__.py").read_text())


def test_manifest_has_the_keys_oca_expects(manifest, addon_dir):
    for key in ("name", "version", "license", "author", "website", "maintainers",
                "development_status", "images", "summary", "category"):
        assert manifest.get(key), key
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", manifest["version"])
    assert manifest["development_status"] in ("Alpha", "Beta", "Production/Stable", "Mature")
    for image in manifest["images"]:
        assert (addon_dir / image).is_file(), image


def test_readme_is_made_from_its_fragments(repo_root, addon_dir):
    for fragment in ("DESCRIPTION", "USAGE", "CONFIGURE", "CONTRIBUTORS"):
        assert (addon_dir / "readme" / f"{fragment}.md").is_file(), fragment
    result = subprocess.run(
        [sys.executable, str(repo_root / "scripts" / "gen_addon_readme.py"), "--check"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


def test_description_page_shows_the_screens(addon_dir):
    description = addon_dir / "static" / "description"
    page = (description / "index.html").read_text()
    screenshots = re.findall(r'src="([^"]+\.png)"', page)
    assert any("phone" in name for name in screenshots)
    assert any("desktop" in name for name in screenshots)
    for name in screenshots:
        assert (description / name).is_file(), name


def test_whool_builds_the_wheel(addon_dir, manifest, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path),
         str(addon_dir)],
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    wheels = list(tmp_path.glob("odoo_addon_party_cell_meeting-*.whl"))
    assert len(wheels) == 1, list(tmp_path.iterdir())
    assert wheels[0].name.startswith(f"odoo_addon_party_cell_meeting-{manifest['version']}")
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = wheel.namelist()
        metadata = next(name for name in names if name.endswith("METADATA"))
        assert "Requires-Dist: odoo==18.0.*" in wheel.read(metadata).decode()
    assert "odoo/addons/party_cell_meeting/__manifest__.py" in names
    assert "odoo/addons/party_cell_meeting/i18n/vi.po" in names
