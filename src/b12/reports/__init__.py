"""Rendering of results: machine-readable JSON and the terminal report."""
