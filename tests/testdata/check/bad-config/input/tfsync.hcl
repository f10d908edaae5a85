group "x" {
  variables = ["tag"]
}
environment_specific = ["tag"]
