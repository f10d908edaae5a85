region = "b"
tag = "2.0"
