# Hub on EKS - Development Environment Configuration
// Cheapest possible footprint: public subnets, small instances, HTTP only.
// Anyone on the team may break this environment; rebuild it with `make apply`.

# =============================================================================
# ENVIRONMENT-SPECIFIC SETTINGS (DO NOT SYNC)
# =============================================================================

# Core Settings - NEVER SYNC
environment  = "dev"
region       = "us-east-2" # closer to the CI runners
cluster_name = "jupyterhub"
domain_name  = "hub-dev.example.com"
admin_email  = "admin@example.com"
owner_email  = "devops@example.com"
cost_center  = "engineering"
tags         = { Project = "englacial-hub", Team = "platform", Ephemeral = "true" }

# Kubernetes
kubernetes_version = "1.34"

# ACM Certificate - disabled: dev is HTTP only
enable_acm          = false
acm_enable_wildcard = false
acm_auto_validate   = false

# Network - Cost Optimized for Dev
vpc_cidr                 = "10.2.0.0/16"
enable_nat_gateway       = false # save ~$45/month: public subnets only
single_nat_gateway       = true  # if ever enabled, only one
pin_main_nodes_single_az = true
pin_user_nodes_single_az = true

# Node Sizing
system_node_instance_types = ["t3.large"]
system_node_min_size       = 0 # can scale to zero overnight
system_node_max_size       = 1
user_node_instance_types   = ["t3.large", "t3.xlarge"]
user_node_min_size         = 0
user_node_max_size         = 3

dask_node_instance_types = [
  "t3.medium", # 2 vCPU, 4 GB
  "t3.large",  # 2 vCPU, 8 GB
]
dask_node_min_size = 0
dask_node_max_size = 10 # limit for dev

/*
Tried in November, blew the monthly budget in two days; dev now runs Dask on
the variables.tf defaults.
dask_worker_cores_max  = 2
dask_cluster_max_cores = 400
*/

# Safety - Environment Specific
deletion_protection = false
force_destroy_s3    = true
skip_final_snapshot = true

# Monitoring
monitoring = { retention_days = 3, enabled = true }

# Authentication
github_org_whitelist = []

# =============================================================================
# SYNCED FEATURES (from shared-features.tfvars)
# Last synced: 2025-12-20 from: englacial
# =============================================================================

# Container Images
singleuser_image_name = "pangeo/pangeo-notebook"
singleuser_image_tag  = "2025.11.30"

# Timeouts
kernel_cull_timeout = 600  # 10 minutes: dev nodes are small
server_cull_timeout = 1800 # 30 minutes

# Features
enable_profile_selection = false
use_three_node_groups    = true
enable_lambda_invoke     = false
github_enabled           = false # dummy authenticator in dev
