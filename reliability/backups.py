"""Running PostgreSQL's own client tools (pg_dump, pg_restore) against a Django database."""

import os
import shutil
import subprocess

from django.core.management.base import CommandError


def postgres_environment(connection):
    """libpq's environment variables for this connection (the password never on argv)."""
    settings = connection.settings_dict
    env = {**os.environ, "PGDATABASE": settings["NAME"]}
    for key, variable in (
        ("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"),
    ):  # fmt: skip
        if settings.get(key):
            env[variable] = str(settings[key])
    return env


def run_postgres_tool(connection, tool, *args):
    if shutil.which(tool) is None:
        raise CommandError(
            f"{tool} is not installed: apt-get install postgresql-client "
            "(the same major version as the server, or newer)."
        )
    env = postgres_environment(connection)
    command = [tool, *args]
    if tool == "pg_restore":
        command += ["--dbname", env["PGDATABASE"]]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise CommandError(f"{tool} failed (exit {result.returncode}):\n{result.stderr.strip()}")
    return result
