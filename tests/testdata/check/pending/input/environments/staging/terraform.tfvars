# Last synced: 2026-01-05 from: test
region = "eu-west-2"
tag    = "2.0"
cores  = 8 # the shared file leaves cores to its default
