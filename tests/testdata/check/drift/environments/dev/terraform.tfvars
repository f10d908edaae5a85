region        = "eu-west-1"
tag           = "2.0"
required_flag = false
