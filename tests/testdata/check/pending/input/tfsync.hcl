group "images" {
  variables = ["tag", "cores"]
}
environment_specific = ["region"]
