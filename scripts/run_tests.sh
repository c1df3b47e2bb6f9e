#!/usr/bin/env bash
# The whole test suite on fresh databases, as CI runs it:
#   1. finds Odoo 18.0 (ODOO_PATH, ODOO_PYTHON), setting it up when it is
#      missing and the network allows (scripts/setup_odoo.sh), starts PostgreSQL and, as
#      root, installs Debian's chromium for the browser tests and wkhtmltopdf
#      for the PDF reports if missing;
#   2. installs the Python requirements into Odoo's environment;
#   3. installs the addon on a fresh database without demo data (the tests run
#      there, so they cannot lean on demo data) and on one with demo data;
#   4. runs the addon's tests and the repository's tests (lint, logs,
#      translations) under pytest-odoo, with an HTTP server for browser tests.
# Exits non-zero on any failing or skipped test, lint error, or ERROR,
# CRITICAL or traceback in the Odoo logs; pytest's own line closes the output.
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_PATH=${ODOO_PATH:-/opt/odoo/18.0}
ODOO_PYTHON=${ODOO_PYTHON:-/opt/odoo/venv/bin/python}
db=${PARTY_TEST_DB:-party_cell_meeting_test}
log_dir=${PARTY_TEST_LOG_DIR:-$repo/.test-logs}

say() { echo "run_tests: $*"; }
die() { echo "run_tests: $*" >&2; exit 2; }

# 1. Odoo and PostgreSQL -------------------------------------------------------
# found where it is, or set up there from Odoo's repository (ODOO_REPO, ODOO_REF)
ODOO_PATH=$ODOO_PATH ODOO_PYTHON=$ODOO_PYTHON "$repo/scripts/setup_odoo.sh" || exit 2

start_postgres() {
    if command -v pg_isready >/dev/null && pg_isready -q; then
        return 0
    fi
    if [ "$(id -u)" != 0 ]; then
        die "PostgreSQL is not running and only root may start it here: start it, then run this again."
    fi
    if ! command -v pg_ctlcluster >/dev/null; then
        say "installing PostgreSQL"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
            || die "could not install PostgreSQL with apt-get."
    fi
    local cluster
    cluster=$(pg_lsclusters --no-header | awk 'NR == 1 {print $1 " " $2}')
    [ -n "$cluster" ] || die "PostgreSQL is installed but has no cluster (pg_createcluster)."
    # shellcheck disable=SC2086
    pg_ctlcluster $cluster start 2>/dev/null || true
    for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
    pg_isready -q || die "PostgreSQL did not start."
}
start_postgres


# The tours run in headless Chromium; Odoo skips them when it finds no browser.
install_chromium() {
    if command -v chromium >/dev/null || command -v google-chrome >/dev/null; then
        return 0
    fi
    if [ "$(id -u)" != 0 ]; then
        die "Chromium is missing and only root may install it here: install Debian's chromium package, then run this again."
    fi
    say "installing Chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
        || die "could not install chromium with apt-get."
}
install_chromium

# The real PDF test renders through wkhtmltopdf; Odoo cannot print without it.
install_wkhtmltopdf() {
    if command -v wkhtmltopdf >/dev/null; then
        return 0
    fi
    if [ "$(id -u)" != 0 ]; then
        die "wkhtmltopdf is missing and only root may install it here: install Debian's wkhtmltopdf package, then run this again."
    fi
    say "installing wkhtmltopdf for the PDF reports"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wkhtmltopdf >/dev/null \
        || die "could not install wkhtmltopdf with apt-get."
}
install_wkhtmltopdf
if [ "$(id -u)" = 0 ]; then
    me=$(id -un)
    if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = '$me'\"" | grep -q 1; then
        su postgres -c "createuser --superuser $me" || die "could not create the PostgreSQL role $me."
    fi
fi

# 2. Python requirements -------------------------------------------------------
say "installing the Python requirements into $ODOO_PYTHON"
"$ODOO_PYTHON" -m pip install --quiet --disable-pip-version-check -r "$repo/requirements-test.txt" \
    || die "could not install $repo/requirements-test.txt."

# 3. Fresh databases -----------------------------------------------------------
rm -rf "$log_dir"
mkdir -p "$log_dir"
odoo_bin=("$ODOO_PYTHON" "$ODOO_PATH/odoo-bin" "--addons-path=$ODOO_PATH/addons,$repo/addons")
install_addon() {  # database, log name, modules, extra options...
    local database=$1 log=$2 modules=$3
    shift 3
    dropdb --if-exists "$database" \
        || die "could not drop the database $database: is an Odoo server still using it?"
    say "installing $modules on a fresh database $database ($log)"
    "${odoo_bin[@]}" -d "$database" -i "$modules" --stop-after-init \
        --log-level=info --logfile="$log_dir/$log.log" "$@" \
        || say "the install on $database failed: see $log_dir/$log.log"
}
install_addon "$db" install-without-demo party_cell_meeting,party_cell_meeting_calendar \
    --without-demo=all --load-language=vi_VN
install_addon "${db}_demo" install-with-demo party_cell_meeting

# 4. The suite -----------------------------------------------------------------
cat > "$log_dir/odoo-test.conf" <<CONF
[options]
addons_path = $ODOO_PATH/addons,$repo/addons
db_name = $db
logfile = $log_dir/tests.log
CONF
cd "$repo" || exit 2
PYTHONPATH=$ODOO_PATH PARTY_TEST_LOG_DIR=$log_dir PARTY_TEST_DB=$db ODOO_PATH=$ODOO_PATH ODOO_PYTHON=$ODOO_PYTHON \
    "$ODOO_PYTHON" -m pytest -p no:cacheprovider \
    --odoo-config="$log_dir/odoo-test.conf" --odoo-log-level=info --odoo-http \
    addons/party_cell_meeting/tests addons/party_cell_meeting_calendar/tests tests
exit $?
