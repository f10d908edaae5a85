# Last synced: 2026-01-01 from: test (before the record: behind it)
region = "us-east-1"
tag    = "1.5"
