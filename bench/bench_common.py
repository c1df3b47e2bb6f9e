"""What every bench script reports beside its figures: the machine's load
and the process's peak memory. The scripts run as `python bench/<script>.py`,
which puts this folder first on the path."""

import resource


def loadavg():
    with open("/proc/loadavg", encoding="ascii") as file:
        return " ".join(file.read().split()[:3])


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
