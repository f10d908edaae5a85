# Settings that mix features with environment-specific values inside one object.

variable "forms_admin_settings" {
  description = "GOV.UK Forms admin: the domain is this environment's, the flags are features"
  type = object({
    govuk_app_domain     = string
    enable_opentelemetry = optional(bool, false)
  })
}

variable "node_groups" {
  description = "EKS managed node groups by name: sizes per environment, AMI release promoted"
  type = map(object({
    instance_type = string
    ami_version   = string
    min_size      = optional(number, 1)
  }))
  default = {}
}
