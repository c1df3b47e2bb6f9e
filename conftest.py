"""Repository-wide pytest rules: a skipped test fails the suite, because a
skipped test proves nothing (Odoo skips browser tests silently when a
dependency is missing)."""


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter and reporter.stats.get("skipped") and session.exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if terminalreporter.stats.get("skipped"):
        terminalreporter.write_line(
            "Skipped tests fail this suite: a skipped test proves nothing.", red=True
        )
