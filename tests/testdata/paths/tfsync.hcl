group "observability" {
  variables = ["forms_admin_settings.enable_opentelemetry", "node_groups.*.ami_version"]
}
environment_specific = ["forms_admin_settings", "node_groups"]
