"""Seller authorization: auth codes, access and refresh tokens (the auth host)."""
