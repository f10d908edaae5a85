# Last synced: 2026-01-01 from: test
region = "us-east-1"
tag    = "1.5"
