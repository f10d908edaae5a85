region = "eu-west-1"
tag    = "2.0" # same value
cores  = 4    # the default, set explicitly
