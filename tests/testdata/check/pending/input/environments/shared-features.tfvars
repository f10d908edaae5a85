# Extracted from: test
# Date: 2026-01-05
tag = "2.0"
