"""Report prose written from the numbers, in Vietnamese or English (one module per notebook topic)."""
