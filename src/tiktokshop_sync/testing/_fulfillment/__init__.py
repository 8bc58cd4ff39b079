"""Fulfillment: packages, shipping, tracking and the carrier's milestones."""
