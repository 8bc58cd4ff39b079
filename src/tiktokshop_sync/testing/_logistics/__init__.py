"""Warehouses, delivery options and the carriers that serve them."""
