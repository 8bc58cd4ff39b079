"""Secrets never reach a log line, even from loggers that print whole URLs."""

from __future__ import annotations

import logging

import pytest

from tiktokshop_sync import RedactingFilter, redact

SECRET = "S3CRET-VALUE-123"


@pytest.mark.parametrize(
    "text",
    [
        f"GET https://auth.tiktok-shops.com/api/v2/token/get?app_key=k&app_secret={SECRET}&auth_code=x",
        f"GET https://auth/api/v2/token/refresh?refresh_token={SECRET}&grant_type=refresh_token",
        f"GET https://open-api/x?app_key=k&sign={SECRET}&timestamp=1",
        f"headers={{'x-tts-access-token': '{SECRET}'}}",
        f'{{"access_token":"{SECRET}","refresh_token":"{SECRET}"}}',
        f"Authorization: {SECRET}",
    ],
)
def test_redact_masks_secret_bearing_parts(text: str) -> None:
    assert SECRET not in redact(text)


def test_redact_leaves_ordinary_text_alone() -> None:
    text = "POST /order/202309/orders/search -> HTTP 200 request_id 2026112003"
    assert redact(text) == text


def test_filter_rewrites_records_with_arguments(caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("test.redaction")
    log.addFilter(RedactingFilter())
    with caplog.at_level(logging.INFO, logger="test.redaction"):
        log.info("HTTP Request: %s %s", "GET", f"https://x/?app_secret={SECRET}")
    assert SECRET not in caplog.text
    assert "app_secret=***" in caplog.text


@pytest.fixture
def quiet_sdk_loggers() -> object:
    """Restore the levels and handlers setup_logging changes."""
    names = ("tiktokshop_sync", "httpx")
    saved = {n: (logging.getLogger(n).level, list(logging.getLogger(n).handlers)) for n in names}
    yield
    for name, (level, handlers) in saved.items():
        target = logging.getLogger(name)
        target.setLevel(level)
        target.handlers[:] = handlers


def test_tiktokshop_log_debug_sets_the_sdk_and_httpx_loggers_to_debug(
    quiet_sdk_loggers: object,
) -> None:
    from tiktokshop_sync import setup_logging

    assert setup_logging(environ={"TIKTOKSHOP_LOG": "debug"}) == logging.DEBUG
    assert logging.getLogger("tiktokshop_sync").level == logging.DEBUG
    assert logging.getLogger("httpx").level == logging.DEBUG


def test_an_unset_tiktokshop_log_leaves_logging_alone(quiet_sdk_loggers: object) -> None:
    from tiktokshop_sync import setup_logging

    before = logging.getLogger("tiktokshop_sync").level
    assert setup_logging(environ={}) is None
    assert logging.getLogger("tiktokshop_sync").level == before


def test_an_unknown_tiktokshop_log_value_names_the_variable_and_the_choices(
    quiet_sdk_loggers: object,
) -> None:
    from tiktokshop_sync import ConfigurationError, setup_logging

    with pytest.raises(ConfigurationError, match="TIKTOKSHOP_LOG must be one of debug, info"):
        setup_logging(environ={"TIKTOKSHOP_LOG": "verbose"})


def test_setting_up_twice_never_adds_a_second_handler(
    quiet_sdk_loggers: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiktokshop_sync import setup_logging

    monkeypatch.setattr(logging.getLogger(), "handlers", [])  # an app that configured nothing
    setup_logging("info")
    setup_logging("debug")
    handlers = logging.getLogger("tiktokshop_sync").handlers
    assert len([h for h in handlers if any(isinstance(f, RedactingFilter) for f in h.filters)]) == 1


def test_the_stderr_handler_redacts_records_of_child_loggers(
    quiet_sdk_loggers: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tiktokshop_sync import setup_logging

    monkeypatch.setattr(logging.getLogger(), "handlers", [])
    setup_logging("debug")
    logging.getLogger("tiktokshop_sync.workflows").info("GET /x?access_token=%s", SECRET)
    err = capsys.readouterr().err
    assert "access_token=***" in err and SECRET not in err


def test_a_client_reads_tiktokshop_log_when_it_is_built(
    quiet_sdk_loggers: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiktokshop_sync.testing import FakeShop

    monkeypatch.setenv("TIKTOKSHOP_LOG", "info")
    FakeShop().client().close()
    assert logging.getLogger("tiktokshop_sync").level == logging.INFO
