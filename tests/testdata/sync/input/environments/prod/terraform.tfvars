# Hub on EKS - Production Environment Configuration
# HA networking, protected storage, conservative limits.
# Feature changes arrive from englacial via `make sync-promote`; do not edit
# the SYNCED FEATURES section by hand.

# =============================================================================
# ENVIRONMENT-SPECIFIC SETTINGS (DO NOT SYNC)
# =============================================================================

# Core Settings - NEVER SYNC
environment  = "prod"
region       = "us-west-2"
cluster_name = "jupyterhub"
domain_name  = "hub.production.example.com"
admin_email  = "admin@example.com"
owner_email  = "platform@example.com"
cost_center  = "platform"

tags = {
  "Data Class" = "internal" # quoted key: contains a space
  Project      = "englacial-hub"
  Team         = "platform"
  Compliance   = "SOC2|ISO-27001" # pipe is part of the value
  Runbook      = "https://wiki.example.com/hub/runbook#on-call"
}

# Kubernetes
kubernetes_version = "1.33" // one minor behind englacial until the upgrade window

# ACM Certificate
enable_acm          = true
acm_enable_wildcard = true # *.hub.production.example.com for the Dask dashboards
acm_auto_validate   = true # zone is in Route 53

# Network - HA for production
vpc_cidr                 = "10.1.0.0/16"
enable_nat_gateway       = true
single_nat_gateway       = false # Multi-AZ for HA in prod
pin_main_nodes_single_az = false
pin_user_nodes_single_az = false

# Node Sizing - System
system_node_instance_types = ["r5.large", ]
system_node_min_size       = 1
system_node_max_size       = 1

# Node Sizing - User
user_node_instance_types = [
  "r5.large",  # Small: 2 vCPU, 16 GB
  "r5.xlarge", # Medium: 4 vCPU, 32 GB
]
user_node_min_size = 0
user_node_max_size = 20 # Higher for prod

# Node Sizing - Dask workers
dask_node_instance_types = [
  "m5.large", "m5.xlarge", "m5.2xlarge", "m5.4xlarge",
  "m5a.large", "m5a.xlarge", "m5a.2xlarge", "m5a.4xlarge"
]
dask_node_min_size = 0
dask_node_max_size = 50
# Raised from 3 during INC-2291 (workers OOM-killed on the 2025-11 reprocessing run).
dask_worker_memory_max = 4 # GB per worker; belongs with the Dask settings below

# Safety - Environment Specific
deletion_protection = true  # Prod only
force_destroy_s3    = false # Prod only
skip_final_snapshot = false

# Monitoring
monitoring = {
  enabled        = true
  retention_days = 90
  alert_emails = [
    "oncall@example.com",
    "platform@example.com", # escalation after 30 minutes
  ]
  grafana = {
    enabled     = true
    admin_group = "example-org:platform"
  }
}

# Authentication
github_org_whitelist = ["example-org"]

# Per-environment jupyter_server_config.py additions (not the hub-level culler:
# the local name below only shadows it inside the notebook server)
extra_user_config = <<-EOT
# Server-side kernel culling, stricter than the hub's.
# Docs: https://jupyter-server.readthedocs.io/en/latest/other/full-config.html
kernel_cull_timeout = 900  // seconds
c.MappingKernelManager.cull_idle_timeout = kernel_cull_timeout
c.MappingKernelManager.cull_interval = 120
c.MappingKernelManager.cull_connected = False
EOT

# Hub front page
hub_banner_message = "Maintenance Sat 02:00-04:00 UTC | questions: #hub-support & https://status.example.com (Windows share: \\\\files\\hub)"

# =============================================================================
# SYNCED FEATURES (from shared-features.tfvars)
# Last synced: 2025-12-20 from: englacial
# =============================================================================

# Container Images
singleuser_image_name = "pangeo/pangeo-notebook"
singleuser_image_tag  = "2025.06.02"

# Dask Configuration
dask_worker_cores_max = 1 # one core per worker: the xagg jobs are CPU-bound
# Capped at 40 while the budget review is open (FIN-118).
dask_cluster_max_cores = 40

# Timeouts
kernel_cull_timeout = 1200
server_cull_timeout = 3600 # same as the variables.tf default, kept explicit

# Features
enable_profile_selection = true
use_three_node_groups    = true
enable_lambda_invoke     = false # Lambda not yet approved for prod
github_enabled           = true
