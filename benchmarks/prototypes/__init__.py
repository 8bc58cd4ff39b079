"""Prototypes for issue 19, measured against the SDK on the same official-shape page.

Nothing here is used by ``src/``: each module builds an alternative reader of an order-search
reply from the SDK's own models (``_schema.describe(Order)``), so the prototypes follow the
fields the models declare today. ``bench.py`` times them, plugged into a real
``orders.search().first_page()`` call, measures their memory, checks their values against the
SDK's ``Order`` for every field of every order, and lists what each keeps or drops.
"""
