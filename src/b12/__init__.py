"""b12: vitamin B12 status, screening and muscle-health decision support.

Decision support, never a diagnosis: every result says why, cites its source and says when to see a
clinician.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("b12")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
