tag = "1"
tag = "2"
