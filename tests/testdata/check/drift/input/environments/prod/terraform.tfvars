# Last synced: 2026-01-02 from: test (synced after the record, then edited by hand)
region = "us-east-1"
tag    = "1.5" # behind
types = [
  "a",
  "b", # same value, other layout
]
cores = 8
