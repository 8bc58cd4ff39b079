"""The fake's finance area: settlements, statements, payouts, withdrawals, price details."""
