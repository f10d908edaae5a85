region = "us-west-2"
tag    = "2.1" # tested after the record was made: test is ahead
