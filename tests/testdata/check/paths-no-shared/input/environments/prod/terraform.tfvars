node_groups = {
  general = { size = 5, ami_version = "1.31" }
  gpu     = "none" # not an object: its ami_version cannot sync here
}
