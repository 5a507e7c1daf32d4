"""narrascope."""
