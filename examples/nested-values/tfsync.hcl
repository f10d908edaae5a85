# tfsync configuration of a repository whose features live inside objects.
# A path names a key inside a variable's value: `name.key`, `name["key"]`, and
# `.*` for every key of a map. The most specific path wins: forms_admin_settings
# and node_groups are this environment's own, except the keys the group names.

group "observability" {
  description = "Features inside objects"
  variables   = ["forms_admin_settings.enable_opentelemetry", "node_groups.*.ami_version"]
}

environment_specific = ["forms_admin_settings", "node_groups"]
