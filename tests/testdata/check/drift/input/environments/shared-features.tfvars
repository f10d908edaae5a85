# Extracted from: test
# Date: 2026-01-01
tag           = "2.0"
types         = [ "a", "b" ]
required_flag = true
