"""Ids as the database holds them."""

MAX_ID = 2**63 - 1  # the largest id a (signed 64-bit) primary key holds
