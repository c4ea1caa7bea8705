"""`python -m b12` runs the command-line interface."""

from b12.cli.main import run

run()
