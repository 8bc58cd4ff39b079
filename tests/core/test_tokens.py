"""Token sets carry absolute expiries; stores persist both tokens together and safely."""

from __future__ import annotations

import os
import stat
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tiktokshop_sync import (
    InMemoryTokenStore,
    RefreshLeases,
    SQLiteTokenStore,
    StoreError,
    TokenSet,
    TokenStore,
)
from tiktokshop_sync.types.token import TokenGrant

NOW = datetime(2026, 11, 20, tzinfo=timezone.utc)


def _tokens(access: str = "acc-SECRET", refresh: str = "ref-SECRET") -> TokenSet:
    return TokenSet(
        access_token=access,
        access_token_expires_at=NOW + timedelta(days=7),
        refresh_token=refresh,
        refresh_token_expires_at=NOW + timedelta(days=365),
        open_id="7010736057180325637",
        seller_name="テスト商店",
        seller_base_region="JP",
        granted_scopes=["seller.order.info"],
    )


def test_expire_in_fields_are_read_as_absolute_unix_timestamps() -> None:
    grant = TokenGrant.model_validate(
        {
            "access_token": "a",
            "access_token_expire_in": 1660556783,
            "refresh_token": "r",
            "refresh_token_expire_in": 1691487031,
            "open_id": "1",
        }
    )
    tokens = grant.to_token_set()
    assert tokens.access_token_expires_at == datetime(2022, 8, 15, 9, 46, 23, tzinfo=timezone.utc)


def test_token_values_never_appear_in_reprs() -> None:
    tokens = _tokens()
    assert "SECRET" not in repr(tokens)
    grant = TokenGrant.model_validate(
        {
            "access_token": "aSECRET",
            "access_token_expire_in": 1,
            "refresh_token": "rSECRET",
            "refresh_token_expire_in": 2,
            "open_id": "1",
        }
    )
    assert "SECRET" not in repr(grant)


def test_access_token_is_unusable_within_the_refresh_margin() -> None:
    tokens = _tokens()
    assert tokens.access_token_usable(NOW, timedelta(minutes=30))
    late = NOW + timedelta(days=7) - timedelta(minutes=10)
    assert not tokens.access_token_usable(late, timedelta(minutes=30))


def test_naive_expiry_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        TokenSet(
            access_token="a",
            access_token_expires_at=datetime(2026, 1, 1),
            refresh_token="r",
            refresh_token_expires_at=NOW,
            open_id="1",
        )


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> TokenStore:
    if request.param == "memory":
        return InMemoryTokenStore()
    if request.param == "sqlite":
        return SQLiteTokenStore(tmp_path / "state" / "tokens.db")
    from tiktokshop_sync.postgres import PostgresTokenStore

    opened: TokenStore = request.getfixturevalue("pg_open")(PostgresTokenStore)
    return opened


def test_store_returns_what_was_saved(store: TokenStore) -> None:
    store.save("seller-1", _tokens())
    assert store.load("seller-1") == _tokens()


def test_store_replaces_both_tokens_in_one_save(store: TokenStore) -> None:
    store.save("seller-1", _tokens())
    store.save("seller-1", _tokens(access="acc-2", refresh="ref-2"))
    loaded = store.load("seller-1")
    assert loaded is not None
    assert (loaded.access_token, loaded.refresh_token) == ("acc-2", "ref-2")


def test_unknown_grant_loads_as_none_and_delete_forgets(store: TokenStore) -> None:
    assert store.load("nobody") is None
    store.save("seller-1", _tokens())
    store.delete("seller-1")
    assert store.load("seller-1") is None


def test_sqlite_token_file_is_private_to_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "tokens.db"
    SQLiteTokenStore(path).save("s", _tokens())
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_sqlite_store_survives_a_new_process_handle(tmp_path: Path) -> None:
    SQLiteTokenStore(tmp_path / "t.db").save("s", _tokens())
    assert SQLiteTokenStore(tmp_path / "t.db").load("s") == _tokens()


def test_sqlite_store_is_safe_for_concurrent_threads(tmp_path: Path) -> None:
    store = SQLiteTokenStore(tmp_path / "t.db")
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(20):
                store.save(f"s{n}", _tokens(access=f"a{n}-{i}"))
                assert store.load(f"s{n}") is not None
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(store.grants()) == ["s0", "s1", "s2", "s3"]


TTL = timedelta(seconds=90)


def _leases(store: TokenStore) -> RefreshLeases:
    assert isinstance(store, RefreshLeases)
    return store


def test_every_bundled_store_leases_refreshes(store: TokenStore) -> None:
    assert isinstance(store, RefreshLeases)


def test_the_first_worker_claims_the_refresh_of_a_stale_token(store: TokenStore) -> None:
    store.save("s", _tokens())
    claim = _leases(store).claim_refresh("s", stale="acc-SECRET", holder="w1", now=NOW, ttl=TTL)
    assert claim.claimed
    assert claim.tokens == _tokens()
    assert claim.until == NOW + TTL


def test_a_second_worker_is_told_who_refreshes_and_until_when(store: TokenStore) -> None:
    store.save("s", _tokens())
    _leases(store).claim_refresh("s", stale="acc-SECRET", holder="w1", now=NOW, ttl=TTL)
    later = NOW + timedelta(seconds=10)
    claim = _leases(store).claim_refresh("s", stale="acc-SECRET", holder="w2", now=later, ttl=TTL)
    assert not claim.claimed
    assert (claim.holder, claim.until) == ("w1", NOW + TTL)


def test_after_a_refresh_the_waiting_worker_gets_the_new_tokens(store: TokenStore) -> None:
    store.save("s", _tokens())
    leases = _leases(store)
    leases.claim_refresh("s", stale="acc-SECRET", holder="w1", now=NOW, ttl=TTL)
    leases.finish_refresh("s", holder="w1", tokens=_tokens(access="acc-2", refresh="ref-2"))
    claim = leases.claim_refresh("s", stale="acc-SECRET", holder="w2", now=NOW, ttl=TTL)
    assert not claim.claimed
    assert claim.tokens is not None and claim.tokens.access_token == "acc-2"
    assert store.load("s") == _tokens(access="acc-2", refresh="ref-2")


def test_a_crashed_workers_lease_is_taken_over_once_it_expires(store: TokenStore) -> None:
    store.save("s", _tokens())
    leases = _leases(store)
    leases.claim_refresh("s", stale="acc-SECRET", holder="crashed", now=NOW, ttl=TTL)
    claim = leases.claim_refresh("s", stale="acc-SECRET", holder="w2", now=NOW + TTL, ttl=TTL)
    assert claim.claimed


def test_a_failed_refresh_frees_the_lease_and_keeps_the_tokens(store: TokenStore) -> None:
    store.save("s", _tokens())
    leases = _leases(store)
    leases.claim_refresh("s", stale="acc-SECRET", holder="w1", now=NOW, ttl=TTL)
    leases.finish_refresh("s", holder="w1", tokens=None)
    assert leases.claim_refresh("s", stale="acc-SECRET", holder="w2", now=NOW, ttl=TTL).claimed
    assert store.load("s") == _tokens()


def test_only_the_holder_frees_the_lease(store: TokenStore) -> None:
    store.save("s", _tokens())
    leases = _leases(store)
    leases.claim_refresh("s", stale="acc-SECRET", holder="w1", now=NOW, ttl=TTL)
    leases.finish_refresh("s", holder="w2", tokens=None)
    assert not leases.claim_refresh("s", stale="acc-SECRET", holder="w3", now=NOW, ttl=TTL).claimed


def test_saving_tokens_does_not_drop_a_live_lease(store: TokenStore) -> None:
    store.save("s", _tokens())
    leases = _leases(store)
    leases.claim_refresh("s", stale="acc-SECRET", holder="w1", now=NOW, ttl=TTL)
    store.save("s", _tokens())
    assert not leases.claim_refresh("s", stale="acc-SECRET", holder="w2", now=NOW, ttl=TTL).claimed


def test_claiming_an_unknown_grant_answers_no_tokens(store: TokenStore) -> None:
    claim = _leases(store).claim_refresh("nobody", stale="x", holder="w1", now=NOW, ttl=TTL)
    assert claim.tokens is None
    assert not claim.claimed


@pytest.fixture(params=["sqlite", "postgres"])
def damaged(request: pytest.FixtureRequest, tmp_path: Path) -> TokenStore:
    """A shared store whose grant row has scopes that are not a JSON list (edited by hand)."""
    if request.param == "sqlite":
        import sqlite3

        path = tmp_path / "tokens.db"
        sqlite_store = SQLiteTokenStore(path)
        sqlite_store.save("g1", _tokens())
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE tiktokshop_tokens SET granted_scopes = '{bad'")
        return sqlite_store
    from tiktokshop_sync.postgres import PostgresTokenStore

    pg_store: PostgresTokenStore = request.getfixturevalue("pg_open")(PostgresTokenStore)
    pg_store.save("g1", _tokens())
    with pg_store._db.transaction() as conn:
        conn.execute(pg_store._db.sql("UPDATE {s}.tiktokshop_tokens SET granted_scopes = '{}'"))
    return pg_store


def test_a_damaged_token_row_is_a_store_error_naming_the_grant_not_the_tokens(
    damaged: TokenStore,
) -> None:
    with pytest.raises(StoreError, match="re-authorize") as caught:
        damaged.load("g1")
    assert "'g1'" in str(caught.value)
    assert "SECRET" not in str(caught.value)
    assert caught.value.__cause__ is None  # the parser's text could quote a token


def test_claiming_the_refresh_of_a_damaged_token_row_is_a_store_error(
    damaged: TokenStore,
) -> None:
    with pytest.raises(StoreError, match="grant 'g1'"):
        _leases(damaged).claim_refresh(
            "g1", stale="acc-SECRET", holder="w1", now=NOW, ttl=timedelta(seconds=30)
        )


def test_a_token_row_with_a_text_expiry_is_a_store_error(tmp_path: Path) -> None:
    import sqlite3

    store = SQLiteTokenStore(tmp_path / "tokens.db")
    store.save("g1", _tokens())
    with sqlite3.connect(tmp_path / "tokens.db") as conn:
        conn.execute("UPDATE tiktokshop_tokens SET access_token_expires_at = 'soon'")
    with pytest.raises(StoreError, match="cannot be read"):
        store.load("g1")
