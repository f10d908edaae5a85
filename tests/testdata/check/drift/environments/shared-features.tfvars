# Extracted from: test
tag           = "2.0"
types         = [ "a", "b" ]
required_flag = true
