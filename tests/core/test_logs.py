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
