"""Orders: the records, their generation, their lifecycle and the order search."""
