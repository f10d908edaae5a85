# Written by hand: no "Extracted from:" line
# Date: 2026-01-05
tag = "2.0"
