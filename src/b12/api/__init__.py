"""The REST API (FastAPI): thin routes over b12.services, errors as RFC 9457 problem details."""
