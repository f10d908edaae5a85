# Last synced: 2026-01-06 from: test (after the record, then edited by hand)
region = "eu-west-1"
tag    = "1.9"
