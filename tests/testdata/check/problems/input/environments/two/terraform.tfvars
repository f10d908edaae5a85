region = "b"
mystery = "y"
