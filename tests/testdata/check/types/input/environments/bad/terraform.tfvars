count_n  = "three"
flag     = "yes"
name     = ["a"]
zones    = "a"
ports    = [80, "http"]
labels   = { team = { name = "x" } }
pair     = ["a"]
pool     = { enabled = "maybe" }
anything = !true
secret   = "hidden-value"
