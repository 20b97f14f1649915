"""Eligibility: ``engine`` (pure rules over plain facts) and ``facts`` (reads the ledger)."""
