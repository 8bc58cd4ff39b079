"""Suite-wide settings: wire models are strict in our own tests, so schema drift fails loudly."""

from __future__ import annotations

import gc
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tiktokshop_sync.types._base import strict_models

# Property tests check values, not speed: `make test` runs two pytest processes on two cores,
# and a slow moment must not fail an example (no deadline, no too-slow health check).
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")


@pytest.fixture(autouse=True)
def _strict_wire_models() -> Iterator[None]:
    with strict_models():
        yield


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """The garbage collector left as the test found it (tests that pause or enable it)."""
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.fixture(scope="session")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mypy cache for the suite's ``mypy --strict`` runs of users' code (same options):
    a second run in the same pytest process reuses the first's analysis of the SDK and its
    dependencies."""
    return tmp_path_factory.mktemp("mypy-cache")


@pytest.fixture(scope="session")
def postgres_conninfo() -> Iterator[str]:
    """A real PostgreSQL 15 started for this test run (Unix socket only); a libpq conninfo.

    Locally a machine without the server binaries or psycopg skips these tests; in CI
    (``CI=true``) that is a failure, because the PostgreSQL stores would go untested.
    """
    from fleet_support.postgres import find_binaries, postgres_server

    binaries = find_binaries()
    missing = None
    if binaries is None:
        missing = "PostgreSQL server binaries (initdb, pg_ctl, postgres) are not on PATH"
    else:
        try:
            import psycopg  # noqa: F401
            import psycopg_pool  # noqa: F401
        except ImportError:
            missing = "psycopg and psycopg-pool are not installed (the postgres extra)"
    if missing is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing}; CI must test the PostgreSQL stores", pytrace=False)
        pytest.skip(missing)
    assert binaries is not None
    with postgres_server(binaries) as conninfo:
        yield conninfo


@pytest.fixture
def pg_schema(postgres_conninfo: str) -> Iterator[str]:
    """A schema of its own for one test, dropped afterwards."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    yield name
    with psycopg.connect(postgres_conninfo, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


@pytest.fixture
def pg_open(postgres_conninfo: str, pg_schema: str) -> Iterator[Callable[..., Any]]:
    """``pg_open(PostgresStateStore)`` (or any PostgreSQL store class, with extra arguments):
    a store on this test's schema, closed after the test."""
    opened: list[Any] = []

    def open_store(factory: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        store = factory(postgres_conninfo, *args, schema=pg_schema, **kwargs)
        opened.append(store)
        return store

    yield open_store
    for store in opened:
        store.close()


@pytest.fixture(params=["sqlite", "postgres"])
def open_state(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], Any]:
    """Opens (again) one state store, SQLite or PostgreSQL: the contract suites run on both."""
    if request.param == "sqlite":
        from tiktokshop_sync.workflows import SQLiteStateStore

        return lambda: SQLiteStateStore(tmp_path / "state.db")
    from tiktokshop_sync.postgres import PostgresStateStore

    pg_open = request.getfixturevalue("pg_open")
    return lambda: pg_open(PostgresStateStore)
