#!/usr/bin/env bash
# Makes sure Odoo 18.0 is there for the test command, setting it up when it is
# missing and the network allows:
#   - the source tree at ODOO_PATH: a shallow clone of ODOO_REF (default
#     18.0; give a commit to pin it) from ODOO_REPO (default Odoo's official
#     repository);
#   - the Python at ODOO_PYTHON: a virtualenv made beside it (two levels up,
#     as in /opt/odoo/venv/bin/python) with Odoo's requirements.
# As root, Debian's libraries the requirements build against are installed
# first (SETUP_ODOO_APT=no leaves them). An Odoo already at ODOO_PATH and
# ODOO_PYTHON is used as it is. Exits 2 with
# a message naming what is missing when it can be neither found nor set up.
set -uo pipefail

ODOO_PATH=${ODOO_PATH:-/opt/odoo/18.0}
ODOO_PYTHON=${ODOO_PYTHON:-/opt/odoo/venv/bin/python}
ODOO_REPO=${ODOO_REPO:-https://github.com/odoo/odoo.git}
ODOO_REF=${ODOO_REF:-18.0}

say() { echo "setup_odoo: $*"; }
die() { echo "setup_odoo: $*" >&2; exit 2; }

if [ ! -f "$ODOO_PATH/odoo-bin" ]; then
    [ -e "$ODOO_PATH" ] && [ -n "$(ls -A "$ODOO_PATH" 2>/dev/null)" ] \
        && die "ODOO_PATH=$ODOO_PATH exists but holds no odoo-bin: point ODOO_PATH at an Odoo 18.0 source tree, or at a folder to clone it into."
    command -v git >/dev/null || die "Odoo 18.0 is missing at ODOO_PATH=$ODOO_PATH and git is not installed to fetch it."
    say "fetching Odoo $ODOO_REF from $ODOO_REPO into $ODOO_PATH"
    mkdir -p "$ODOO_PATH" || die "cannot create ODOO_PATH=$ODOO_PATH."
    if ! (cd "$ODOO_PATH" && git init -q && git fetch -q --depth 1 "$ODOO_REPO" "$ODOO_REF" \
            && git checkout -q FETCH_HEAD); then
        rm -rf "$ODOO_PATH"
        die "Odoo 18.0 is missing at ODOO_PATH=$ODOO_PATH and could not be fetched from $ODOO_REPO ($ODOO_REF): without network, install Odoo 18.0 from source there by hand (README, 'Odoo from source'), or point ODOO_PATH and ODOO_PYTHON at yours."
    fi
fi

if [ ! -x "$ODOO_PYTHON" ]; then
    venv=$(dirname "$(dirname "$ODOO_PYTHON")")
    base_python=
    for candidate in ${ODOO_BASE_PYTHON:-} python3.12 python3.11 python3.10 python3; do
        # a name on PATH may be a shim that runs nothing: ask it its version
        if "$candidate" -c 'import sys; assert (3, 10) <= sys.version_info[:2] <= (3, 12)' 2>/dev/null; then
            base_python=$(command -v "$candidate")
            break
        fi
    done
    [ -n "$base_python" ] || die "no Python 3.10-3.12 to make Odoo's virtualenv at $venv (set ODOO_BASE_PYTHON)."
    if [ "${SETUP_ODOO_APT:-yes}" = yes ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing the system libraries Odoo's requirements build against"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            libldap2-dev libsasl2-dev libpq-dev >/dev/null \
            || die "could not install libldap2-dev libsasl2-dev libpq-dev with apt-get."
    fi
    say "making Odoo's virtualenv at $venv with $base_python"
    "$base_python" -m venv "$venv" || die "could not make a virtualenv at $venv."
    "$venv/bin/pip" install --quiet 'setuptools<70' 'setuptools_scm<8' wheel \
        && "$venv/bin/pip" install --quiet --no-build-isolation -r "$ODOO_PATH/requirements.txt" \
        || die "could not install Odoo's requirements into $venv (see pip's message above)."
    [ -x "$ODOO_PYTHON" ] || die "the virtualenv at $venv has no $ODOO_PYTHON."
fi

# Odoo importable by its Python without PYTHONPATH, as Odoo's own tools and
# CI's run of Odoo's suite expect: an editable install of the source tree
if [ -f "$ODOO_PATH/setup.py" ] && ! (cd / && "$ODOO_PYTHON" -c 'import odoo' 2>/dev/null); then
    say "installing the source tree at $ODOO_PATH into $ODOO_PYTHON (editable)"
    "$ODOO_PYTHON" -m pip install --quiet --no-deps --no-build-isolation -e "$ODOO_PATH" \
        || die "could not install $ODOO_PATH into $ODOO_PYTHON (pip install -e)."
fi

odoo_version=$(PYTHONPATH=$ODOO_PATH "$ODOO_PYTHON" -c 'import odoo.release as r; print(r.major_version)' 2>/dev/null) \
    || die "$ODOO_PYTHON cannot import Odoo from $ODOO_PATH: install Odoo's requirements into that environment (pip install -r $ODOO_PATH/requirements.txt)."
[ "$odoo_version" = "18.0" ] || die "ODOO_PATH=$ODOO_PATH holds Odoo $odoo_version; this addon needs Odoo 18.0."
say "Odoo $odoo_version at $ODOO_PATH, run by $ODOO_PYTHON"
