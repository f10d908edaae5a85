forms_admin_settings = {
  govuk_app_domain     = "staging.publishing.service.gov.uk" # this environment's own
  enable_opentelemetry = false                               # a feature that should flow
}

node_groups = {
  general = {
    instance_type = "m5.2xlarge" # staging is bigger
    ami_version   = "1.30.0-20241201"
    min_size      = 3
  }
  gpu = { instance_type = "g5.2xlarge", ami_version = "1.30.0-20241201" }
}
