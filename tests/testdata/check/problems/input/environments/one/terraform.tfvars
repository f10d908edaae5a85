tag = "1"
region = "a"
mystery = "x"
typo_var = 1
