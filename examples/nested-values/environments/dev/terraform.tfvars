forms_admin_settings = {
  govuk_app_domain     = "dev.publishing.service.gov.uk" # this environment's own
  enable_opentelemetry = true                            # a feature that should flow
}

node_groups = {
  general = {
    instance_type = "m5.large"
    ami_version   = "1.31.2-20250101"
    min_size      = 1
  }
  gpu = { instance_type = "g5.xlarge", ami_version = "1.31.2-20250101" }
}
