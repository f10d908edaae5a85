region        = "us-west-2"
tag           = "2.0"
types         = ["a", "b"]
required_flag = true
