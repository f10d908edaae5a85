# Hub on EKS - Englacial Environment Configuration
# Test bed with the 3-node architecture; new images and Dask limits land here
# first and are promoted to prod with `make sync-promote`.
#   - System node (r5.large, always on)       - Hub + monitoring
#   - User nodes  (r5.*, scale 0 -> N)         - notebook pods
#   - Worker nodes (m5.*/m5a.*, spot, 0 -> N)  - Dask workers

# =============================================================================
# ENVIRONMENT-SPECIFIC SETTINGS (DO NOT SYNC)
# =============================================================================

# Core Settings - NEVER SYNC
environment  = "englacial"
region       = "us-west-2"
cluster_name = "jupyterhub"        # becomes jupyterhub-englacial
domain_name  = "hub.englacial.org" # public, but test traffic only
admin_email  = "admin@englacial.org"
owner_email  = "devops@englacial.org"
cost_center  = "research & development" # as spelled in the AWS cost allocation report

tags = {
  Project    = "englacial-hub"
  Team       = "glaciology"
  Repository = "github.com/englacial/hub-infra" # where this file lives
  # "Data Class" needs quotes: it contains a space
  "Data Class" = "public"
}

# Kubernetes
kubernetes_version = "1.34"

# ACM Certificate
enable_acm = true # HTTPS
/* Wildcard certificate postponed until *.englacial.org is delegated to
   Route 53; see https://github.com/englacial/hub-infra/issues/42 */
acm_enable_wildcard = false
acm_auto_validate   = false # manual DNS validation: we do not control the zone

# Network - Cost-Optimized
vpc_cidr                 = "10.4.0.0/16" # unique CIDR for englacial
enable_nat_gateway       = true          # required for private subnets
single_nat_gateway       = true          # one NAT saves ~$45/month
pin_main_nodes_single_az = false
pin_user_nodes_single_az = true # us-west-2a: fixes PVC zone affinity

# Node Sizing - System (always running)
system_node_instance_types = ["r5.large"] # 2 vCPU, 16 GB
system_node_min_size       = 1
system_node_max_size       = 1

# Node Sizing - User (scale to zero)
user_node_instance_types = ["r5.large", "r5.xlarge"]
user_node_min_size       = 0
user_node_max_size       = 10 # up to 10 concurrent users

# Node Sizing - Dask workers (spot, scale to zero)
# Non-SSD instance families have better spot availability.
dask_node_instance_types = [
  "m5.large",    # 2 vCPU, 8 GB  - Intel
  "m5.xlarge",   # 4 vCPU, 16 GB - Intel
  "m5.2xlarge",  # 8 vCPU, 32 GB - Intel
  "m5.4xlarge",  # 16 vCPU, 64 GB - Intel
  "m5a.large",   # 2 vCPU, 8 GB  - AMD (cheaper, better availability)
  "m5a.xlarge",  # 4 vCPU, 16 GB - AMD
  "m5a.2xlarge", # 8 vCPU, 32 GB - AMD
  "m5a.4xlarge", # 16 vCPU, 64 GB - AMD
]
dask_node_min_size = 0
dask_node_max_size = 100 # large clusters welcome here

# Safety - Environment Specific
deletion_protection = false # allow easy teardown
force_destroy_s3    = true
skip_final_snapshot = true

# Monitoring
monitoring = {
  enabled        = true
  retention_days = 7 # test environment: one week is plenty
  grafana = {
    enabled = true
  }
}

# Authentication
github_org_whitelist = ["englacial", "pangeo-data"]

# Per-environment jupyter_server_config.py additions
extra_user_config = <<-EOT
  # Let the Dask labextension reach the gateway dashboards through the hub proxy.
  c.ServerApp.jpserver_extensions = {"dask_labextension": True}
  c.ServerApp.tornado_settings = {
      "headers": {"Content-Security-Policy": "frame-ancestors 'self' https://*.englacial.org"},
  }
  EOT

# Hub front page
hub_banner_message = "Test hub: image 2025.12.18 is live \\o/ | report problems in #hub-support & on GitHub"

# =============================================================================
# SYNCED FEATURES (from shared-features.tfvars)
# Last synced: 2025-12-20 from: englacial
# =============================================================================

# Container Images
singleuser_image_name = "pangeo/pangeo-notebook"
# Release notes: https://github.com/pangeo-data/pangeo-docker-images/releases?q=2025.12.18&expanded=true
singleuser_image_tag = "2025.12.18" # tested 2025-12-22 | xarray & dask 2025.12, notes in docs\images.md

# Dask Configuration
dask_worker_cores_max  = 1   # 1 core per worker | CPU-bound xagg jobs
dask_worker_memory_max = 3   # 3 GB per worker
dask_cluster_max_cores = 200 # max 200 cores per cluster

# Timeouts
kernel_cull_timeout = 1200 # 20 minutes; see docs\\culling.md
// server_cull_timeout is left to the variables.tf default (3600)

# Features
enable_profile_selection = true # users pick Small/Medium at login
use_three_node_groups    = true # system, user, worker
enable_lambda_invoke     = true # xagg ICESat-2 processing
github_enabled           = true
