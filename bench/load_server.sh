#!/bin/sh
# Start an Odoo server with workers for bench/load_test.py, in the
# background, its log in /tmp/load_<port>.log and its master's pid in
# /tmp/load_<port>.pid (kill that pid to stop it):
#
#     bench/load_server.sh 8081 4 party_load       # port, workers, database
#     bench/load_server.sh 8083 2 party_load
#
# ODOO_PATH defaults to /opt/odoo/18.0, ODOO_PYTHON to /opt/odoo/venv/bin/python,
# ODOO_CONF to /tmp/odoo_load.conf (addons_path with this repository's addons).
# The gevent port is the HTTP port + 1. LOAD_PYTHONPATH, if set, is put on
# PYTHONPATH (e.g. a sitecustomize working around a broken gevent plugin).
set -e
PORT=${1:-8081}
WORKERS=${2:-4}
DB=${3:-party_load}
ODOO_PATH=${ODOO_PATH:-/opt/odoo/18.0}
ODOO_PYTHON=${ODOO_PYTHON:-/opt/odoo/venv/bin/python}
ODOO_CONF=${ODOO_CONF:-/tmp/odoo_load.conf}
if [ -n "$LOAD_PYTHONPATH" ]; then
    LOAD_PYTHONPATH=$(cd "$LOAD_PYTHONPATH" && pwd)
fi
cd /tmp
PYTHONPATH=${LOAD_PYTHONPATH:-$PYTHONPATH} nohup "$ODOO_PYTHON" "$ODOO_PATH/odoo-bin" \
    -c "$ODOO_CONF" -d "$DB" --db-filter="^$DB\$" --workers="$WORKERS" \
    --max-cron-threads=1 --http-port="$PORT" --gevent-port=$((PORT + 1)) \
    --limit-time-real=600 > "/tmp/load_$PORT.log" 2>&1 &
echo $! > "/tmp/load_$PORT.pid"
echo "odoo on $PORT ($WORKERS workers), pid $(cat "/tmp/load_$PORT.pid")"
