"""Typed wire models for TikTok Shop payloads (pydantic v2, lenient by default)."""
