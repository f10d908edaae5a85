# Every value fits once Terraform converts it.
count_n  = "3"   # a string that reads as a number
flag     = "1"   # "1" converts to true
name     = 42    # numbers convert to strings
zones    = ["a", 1, true]
ports    = [80, "443"]
labels   = { team = "x", size = 2 }
pair     = ["a", "2"]
pool     = { size = "2", extra = "dropped" }
anything = [1, { a = [] }]
secret   = 7
bad_type = [1]
