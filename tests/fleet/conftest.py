"""A database of its own per fleet test: the task queue's tables live in the database's default
schema, so two tests sharing one database would run each other's jobs."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest


@pytest.fixture
def fleet_db(postgres_conninfo: str) -> Iterator[str]:
    """A libpq conninfo for a new, empty database, dropped after the test."""
    pytest.importorskip("procrastinate")
    import psycopg

    name = f"fleet_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield postgres_conninfo.replace("dbname=postgres", f"dbname={name}")
    with psycopg.connect(postgres_conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
