"""After-sales: cancellations, returns, refunds and replacements."""
