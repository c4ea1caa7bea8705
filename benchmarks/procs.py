"""CPU time and peak memory of a benchmark process and of the JVMs it started (Spark)."""

from __future__ import annotations

import os
import resource
from pathlib import Path


def _cpu() -> float:
    """CPU seconds of this process, all threads (robust when other work shares the machine)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _family(root: int) -> set[int]:
    """``root`` and its descendants (the Spark launcher and its JVM)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    family, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in family} - family
        family |= more
        grew = bool(more)
    return family


def _jvm_peak_gb(root: int, own: bool = True) -> float:
    """Peak resident memory (VmHWM) of the largest of ``root``'s descendants (and ``root``
    itself with ``own``), in GB: the Spark JVMs."""
    peak = 0.0
    for pid in _family(root) - (set() if own else {root}):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024**2)
        except OSError:
            continue
    return peak


def _jvm_cpu(root: int, own: bool = True) -> float:
    """CPU seconds used so far by ``root``'s descendants (and ``root`` with ``own``), user +
    system: the Spark JVMs (a standalone cluster's daemons and executors too)."""
    ticks = 0
    for pid in _family(root) - (set() if own else {root}):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")
