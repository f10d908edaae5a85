group "images" {
  variables = ["tag", "types"]
}
group "dask" {
  variables = ["cores", "required_flag"]
}
environment_specific = ["region"]
