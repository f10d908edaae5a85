# Last synced: 2026-01-02 from: test (synced after the record, then edited by hand)
region        = "eu-west-1"
tag           = "2.0"
required_flag = false
