region = "c"
tag = [
