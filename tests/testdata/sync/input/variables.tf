# Hub on EKS - Variable Definitions (layer 1: base defaults for every environment)
#
# Every variable used by environments/*/terraform.tfvars and
# environments/shared-features.tfvars is declared here. Defaults are the
# "works anywhere" baseline: an environment that leaves a variable unset
# gets exactly this value.

# =============================================================================
# Core Settings (environment-specific)
# =============================================================================

variable "environment" {
  description = "Environment name; also the folder name under environments/"
  type        = string
  default     = "dev"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*$", var.environment))
    error_message = "The environment must be lower-case letters, digits and dashes."
  }
}

variable "region" {
  description = "AWS region for deployment"
  type        = string
  default     = "us-west-2"
}

variable "cluster_name" {
  description = "Base name of the EKS cluster (the environment is appended by main.tf)"
  type        = string
  default     = "jupyterhub"
}

variable "domain_name" {
  description = "Public host name of the hub"
  type        = string
  default     = "hub.example.com"
}

variable "admin_email" {
  description = "Hub administrator contact"
  type        = string
  default     = "admin@example.com"
}

variable "owner_email" {
  description = "Owner e-mail used for resource tagging"
  type        = string
  default     = "platform@example.com"
}

variable "cost_center" {
  description = "Cost center used for resource tagging"
  type        = string
  default     = "engineering"
}

variable "tags" {
  description = "Extra tags merged into every resource's default tags"
  type        = map(string)
  default     = {}
}

# =============================================================================
# Network (environment-specific)
# =============================================================================

variable "vpc_cidr" {
  description = "CIDR block of the VPC; must be unique per environment"
  type        = string
  default     = "10.0.0.0/16"
}

variable "enable_nat_gateway" {
  description = "Create NAT gateway(s) for the private subnets"
  type        = bool
  default     = true
}

variable "single_nat_gateway" {
  description = "One shared NAT gateway instead of one per AZ (cheaper, not HA)"
  type        = bool
  default     = true
}

variable "pin_main_nodes_single_az" {
  description = "Pin the system node group to the first availability zone"
  type        = bool
  default     = false
}

variable "pin_user_nodes_single_az" {
  description = "Pin the user node group to the first availability zone (avoids PVC zone affinity errors)"
  type        = bool
  default     = false
}

# =============================================================================
# Kubernetes and certificates (environment-specific)
# =============================================================================

variable "kubernetes_version" {
  description = "Kubernetes version of the EKS control plane"
  type        = string
  default     = "1.33"
}

variable "enable_acm" {
  description = "Request an ACM certificate for domain_name (false: HTTP only)"
  type        = bool
  default     = true
}

variable "acm_enable_wildcard" {
  description = "Add *.domain as a subject alternative name"
  type        = bool
  default     = false
}

variable "acm_auto_validate" {
  description = "Wait for DNS validation of the certificate (needs Route 53)"
  type        = bool
  default     = false
}

# =============================================================================
# Node groups (environment-specific)
# =============================================================================

variable "system_node_instance_types" {
  description = "Instance types of the always-on system node group (hub, monitoring)"
  type        = list(string)
  default     = ["r5.large"]
}

variable "system_node_min_size" {
  description = "Minimum size of the system node group"
  type        = number
  default     = 1
}

variable "system_node_max_size" {
  description = "Maximum size of the system node group"
  type        = number
  default     = 1
}

variable "user_node_instance_types" {
  description = "Instance types of the user node group (notebook pods)"
  type        = list(string)
  default     = ["r5.large"]
}

variable "user_node_min_size" {
  description = "Minimum size of the user node group"
  type        = number
  default     = 0
}

variable "user_node_max_size" {
  description = "Maximum size of the user node group"
  type        = number
  default     = 10
}

variable "dask_node_instance_types" {
  description = "Instance types of the spot Dask worker node group"
  type        = list(string)
  default     = ["m5.large", "m5.xlarge"]
}

variable "dask_node_min_size" {
  description = "Minimum size of the Dask worker node group"
  type        = number
  default     = 0
}

variable "dask_node_max_size" {
  description = "Maximum size of the Dask worker node group"
  type        = number
  default     = 20
}

# =============================================================================
# Safety (environment-specific)
# =============================================================================

variable "deletion_protection" {
  description = "Protect stateful resources from deletion"
  type        = bool
  default     = false
}

variable "force_destroy_s3" {
  description = "Allow terraform destroy to empty and delete the S3 buckets"
  type        = bool
  default     = false
}

variable "skip_final_snapshot" {
  description = "Skip the final EBS snapshot when the hub volume is destroyed"
  type        = bool
  default     = false
}

# =============================================================================
# Monitoring and per-environment hub configuration (environment-specific)
# =============================================================================

variable "monitoring" {
  description = "Prometheus/Grafana stack; omitted attributes take the defaults shown"
  type = object({
    enabled        = bool
    retention_days = optional(number, 15)
    alert_emails   = optional(list(string), [])
    grafana = optional(object({
      enabled     = optional(bool, false)
      admin_group = optional(string)
    }), {})
  })
  default = {
    enabled = false
  }
}

variable "extra_user_config" {
  description = "Python appended to jupyter_server_config.py in every user pod"
  type        = string
  default     = ""
}

# =============================================================================
# Authentication
# =============================================================================

variable "github_enabled" {
  description = "Use GitHub OAuth instead of the dummy authenticator (syncable: features)"
  type        = bool
  default     = false
}

variable "github_org_whitelist" {
  description = "GitHub organisations allowed to log in (empty: any GitHub user); environment-specific"
  type        = list(string)
  default     = []
}

# =============================================================================
# Container images (syncable: images)
# =============================================================================

variable "singleuser_image_name" {
  description = "Docker image of the single-user notebook server"
  type        = string
  default     = "pangeo/pangeo-notebook"
}

variable "singleuser_image_tag" {
  description = "Tag of singleuser_image_name"
  type        = string
  default     = "2024.04.08" # compatible with DaskHub 2024.1.1
}

# =============================================================================
# Dask Gateway (syncable: dask)
# =============================================================================

variable "dask_worker_cores_max" {
  description = "Maximum cores per Dask worker"
  type        = number
  default     = 4
}

variable "dask_worker_memory_max" {
  description = "Maximum memory per Dask worker (GB)"
  type        = number
  default     = 16
}

variable "dask_cluster_max_cores" {
  description = "Maximum total cores per Dask cluster"
  type        = number
  default     = 20
}

# =============================================================================
# Idle timeouts (syncable: timeouts)
# =============================================================================

variable "kernel_cull_timeout" {
  description = "Seconds before an idle kernel is culled"
  type        = number
  default     = 1200 # 20 minutes
}

variable "server_cull_timeout" {
  description = "Seconds before an idle user server is culled"
  type        = number
  default     = 3600 # 1 hour
}

# =============================================================================
# Feature flags (syncable: features)
# =============================================================================

variable "enable_profile_selection" {
  description = "Let users pick an instance size (profile) at login"
  type        = bool
  default     = false
}

variable "use_three_node_groups" {
  description = "Use the system / user / worker node-group architecture"
  type        = bool
  default     = false
}

variable "enable_lambda_invoke" {
  description = "Allow user pods to invoke the xagg Lambda functions"
  type        = bool
  default     = false
}

# =============================================================================
# Unclassified on purpose: in neither tfsync.hcl list, so never synced and
# always reported by `tfsync diff`.
# =============================================================================

variable "hub_banner_message" {
  description = "Announcement shown at the top of the hub's home page (HTML allowed)"
  type        = string
  default     = ""
}
