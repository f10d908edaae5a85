tag     = "1"
region  = "us-west-2"
mystery = "shared by mistake"
