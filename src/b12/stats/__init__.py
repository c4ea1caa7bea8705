"""Design-based survey statistics on aggregated totals: pure numerics, no engine and no I/O."""
