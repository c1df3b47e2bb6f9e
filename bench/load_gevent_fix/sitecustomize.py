# For the load test's Odoo servers (bench/load_server.sh with
# LOAD_PYTHONPATH=bench/load_gevent_fix): the gevent process of Odoo dies on
# pkg_resources not finding the normalized zope_interface dist-info (old
# setuptools); skip gevent's optional plugin entry points in that process.
import sys

if len(sys.argv) > 1 and sys.argv[1] == "gevent":
    import gevent.events

    gevent.events.notify_and_call_entry_points = gevent.events.notify
