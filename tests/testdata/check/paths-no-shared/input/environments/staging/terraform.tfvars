node_groups = {
  general = { size = 3, ami_version = "1.30" } # behind dev
}
