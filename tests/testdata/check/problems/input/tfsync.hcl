module_dir = "module"

group "images" {
  variables = ["tag"]
}
environment_specific = ["region"]
