"""Keeping the site up: health checks, request logs, a friendly 503 when the
database is away, a cache that fails soft, backups, and the load and fault
harness. See docs/reliability.md."""
