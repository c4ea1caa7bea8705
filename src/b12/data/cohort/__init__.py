"""Cohort analytics: NHANES reader, engine-neutral rules and the aggregation pipeline."""
