# Last synced: 2026-01-01 from: lab (kept by hand: features start here too)
region = "us-west-1"
tag    = "3.0-rc1"
