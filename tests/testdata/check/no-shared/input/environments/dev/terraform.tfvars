region = "a"
tag = "2.0"
cores = 2
