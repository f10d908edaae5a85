tag = 1
