group "images" {
  variables = ["node_groups.*.ami_version"]
}
environment_specific = ["node_groups"]
