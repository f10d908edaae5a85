region = "us-east-1"
tag    = "1.5" # behind
types = [
  "a",
  "b", # same value, other layout
]
cores = 8
