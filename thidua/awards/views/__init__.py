"""Back-office and public views of awards (thin: reads via queries, writes via services)."""
