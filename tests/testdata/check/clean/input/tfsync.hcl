group "images" {
  variables = ["tag"]
}
group "dask" {
  variables = ["cores"]
}
environment_specific = ["region"]
