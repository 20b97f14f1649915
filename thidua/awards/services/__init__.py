"""Writes of the awards app, one module per sub-domain."""
