"""Routes of the REST API, one module per resource."""

# Registers the path parameter type `record_id` before any route module declares a path.
from b12.api import paths as paths
