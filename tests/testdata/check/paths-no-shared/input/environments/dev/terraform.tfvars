node_groups = {
  general = { size = 1, ami_version = "1.31" }
  gpu     = { size = 1, ami_version = "1.31" }
}
