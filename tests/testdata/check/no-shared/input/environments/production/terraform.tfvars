region = "c"
tag = "1.0"
