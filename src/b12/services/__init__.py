"""Use cases: what the interfaces call."""
