"""The HTTP core: signing, tokens, request specs, envelope and errors, retries, pagination.

Nothing in here knows about orders, products or any other resource.
"""
