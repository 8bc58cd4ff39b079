"""The shop's one catalogue: products, SKUs, prices, stock and reviews."""
