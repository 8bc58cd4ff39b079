"""Listing rules: categories, attributes, rules, brands, the listing check and the review."""
