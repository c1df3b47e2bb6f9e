#!/bin/sh
# What the compose stack asks of Odoo, written once so that it runs the same
# in the official image and natively (the repository's tests run it):
#
#   party-odoo.sh init  ODOO...   make the database once: install the addon
#                                 (with its demo data unless PARTY_WITHOUT_DEMO
#                                 is set) and Vietnamese; a database that has
#                                 the addon installed is left as it is
#   party-odoo.sh serve ODOO...   run the server on that database, never with
#                                 --init or --update: any number of restarts
#                                 find the database as the last one left it
#
# ODOO... is how Odoo is started: "/entrypoint.sh odoo" in the official image
# (it adds the database host, user and password), "python odoo-bin
# --addons-path=..." natively; options given after it are kept. PostgreSQL is
# reached through the usual PG* variables.
#
# Settings, all optional: PARTY_DB (party), PARTY_WITHOUT_DEMO, PARTY_WORKERS,
# PARTY_PROXY_MODE, PARTY_LIST_DB (set to False to close the database
# manager), ODOO_ADMIN_PASSWD (the master password).
set -eu

mode=${1:-}
[ $# -gt 1 ] || { echo "usage: party-odoo.sh init|serve ODOO_COMMAND..." >&2; exit 2; }
shift
db=${PARTY_DB:-party}

say() { echo "party-odoo: $*"; }

wait_for_postgres() {
    tries=60
    until pg_isready -q; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || { say "PostgreSQL does not answer: is the db service up?" >&2; exit 1; }
        sleep 1
    done
}

addon_installed() {
    exists=$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")
    [ "$exists" = 1 ] || return 1
    state=$(psql -d "$db" -tAc \
        "SELECT state FROM ir_module_module WHERE name = 'party_cell_meeting'" 2>/dev/null || true)
    [ "$state" = installed ]
}

case $mode in
init)
    wait_for_postgres
    if addon_installed; then
        say "$db has party_cell_meeting installed: nothing to do"
        exit 0
    fi
    set -- "$@" --database="$db" --init=party_cell_meeting --load-language=vi_VN \
        --stop-after-init --no-http
    if [ -n "${PARTY_WITHOUT_DEMO:-}" ]; then
        set -- "$@" --without-demo=all
    fi
    say "installing party_cell_meeting on $db"
    exec "$@"
    ;;
serve)
    wait_for_postgres
    if ! addon_installed; then
        say "$db does not have party_cell_meeting installed yet: run 'init' first" >&2
        exit 1
    fi
    set -- "$@" --database="$db" --db-filter="^$db\$"
    if [ -n "${PARTY_WORKERS:-}" ]; then
        set -- "$@" --workers="$PARTY_WORKERS" --gevent-port=8072
    fi
    case ${PARTY_PROXY_MODE:-} in [Tt]rue|1) set -- "$@" --proxy-mode ;; esac
    case ${PARTY_LIST_DB:-} in [Ff]alse|0) set -- "$@" --no-database-list ;; esac
    if [ -n "${ODOO_ADMIN_PASSWD:-}" ]; then
        # the master password has no command-line option: a configuration
        # file made from the image's own, readable only by this process
        umask 077
        conf=$(mktemp)
        if [ -n "${ODOO_RC:-}" ] && [ -f "$ODOO_RC" ]; then
            cat "$ODOO_RC" > "$conf"
        else
            echo "[options]" > "$conf"
        fi
        echo "admin_passwd = $ODOO_ADMIN_PASSWD" >> "$conf"
        set -- "$@" --config="$conf"
    fi
    say "serving $db"
    exec "$@"
    ;;
*)
    echo "usage: party-odoo.sh init|serve ODOO_COMMAND..." >&2
    exit 2
    ;;
esac
