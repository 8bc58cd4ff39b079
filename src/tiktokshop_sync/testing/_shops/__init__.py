"""Sellers and their shops: who owns which shop, and the cipher that names it."""
