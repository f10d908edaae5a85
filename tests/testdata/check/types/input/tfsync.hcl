group "all" {
  variables = []
}
environment_specific = [
  "count_n", "flag", "name", "zones", "ports", "labels", "pair", "pool", "anything", "secret",
  "bad_default", "bad_type",
]
