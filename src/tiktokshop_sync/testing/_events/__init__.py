"""Webhooks: a shop's subscriptions (Event API) and the signed deliveries of its changes."""
