#!/bin/sh
# The addon's tests with Odoo's own runner, on a database made for the run
# and dropped after it, held to the rule of the native test command: a
# failing or skipped test, or an ERROR, CRITICAL or traceback in the log,
# fails the run.
#
#   run-tests.sh ODOO...    ODOO is how Odoo is started ("/entrypoint.sh
#                           odoo" in the image, "python odoo-bin
#                           --addons-path=..." natively)
#
# PARTY_DB names the database (party_test); PARTY_TEST_TAGS narrows the tests
# (/party_cell_meeting). PostgreSQL is reached through the PG* variables.
set -u
[ $# -gt 0 ] || { echo "usage: run-tests.sh ODOO_COMMAND..." >&2; exit 2; }
db=${PARTY_DB:-party_test}
log=$(mktemp)

dropdb --if-exists "$db" >/dev/null
"$@" --database="$db" --init=party_cell_meeting --without-demo=all --load-language=vi_VN \
    --test-enable --test-tags="${PARTY_TEST_TAGS:-/party_cell_meeting}" \
    --stop-after-init --log-level=info --logfile="$log"
status=$?
dropdb --if-exists "$db" >/dev/null

problems=$(grep -E ' (ERROR|CRITICAL) |^Traceback|: skipped ' "$log")
grep -E 'tests\.result: ' "$log" | tail -1
if [ $status -ne 0 ] || [ -n "$problems" ]; then
    echo "run-tests: failed (Odoo exited with $status); a skipped test counts as a failure:" >&2
    echo "$problems" | head -50 >&2
    rm -f "$log"
    exit 1
fi
rm -f "$log"
echo "run-tests: passed"
