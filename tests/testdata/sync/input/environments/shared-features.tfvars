# Shared Features Configuration
# These settings sync across all environments (see tfsync.hcl for the groups).
# Extracted from: englacial
# Date: 2025-12-20
#
# Review this file before `make sync-features-to SYNC_TARGET=<env>`.

# =============================================================================
# Container Image Configuration
# =============================================================================
singleuser_image_name = "pangeo/pangeo-notebook"
singleuser_image_tag  = "2025.11.30" # pangeo-docker-images release of 2025-11-30

# =============================================================================
# Dask Gateway Configuration
# =============================================================================
dask_worker_cores_max  = 1   # 1 core per worker (optimized for CPU-bound)
dask_worker_memory_max = 3   # 3GB per worker
dask_cluster_max_cores = 200 # Max 200 cores per cluster

# =============================================================================
# Idle Timeouts
# =============================================================================
kernel_cull_timeout = 1200 # 20 minutes
# server_cull_timeout: not set in englacial (variables.tf default: 3600)

# =============================================================================
# Feature Flags
# =============================================================================
enable_profile_selection = true # User selects instance size at login
use_three_node_groups    = true # 3-node architecture (system, user, worker)
enable_lambda_invoke     = true # Lambda for xagg processing

# Authentication
github_enabled = true
# Note: github_org_whitelist is environment-specific
