"""Adapters for files, databases and engines."""
