tag = "1"
region = "a"
