region = "us-west-2"
tag    = "2.0"
