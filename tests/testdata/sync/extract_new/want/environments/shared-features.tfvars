# Shared Features Configuration
# These settings sync across all environments
# Extracted from: englacial
# Date: 2026-01-05

# =============================================================================
# Container images
# =============================================================================
singleuser_image_name = "pangeo/pangeo-notebook"
singleuser_image_tag  = "2025.12.18" # tested 2025-12-22 | xarray & dask 2025.12, notes in docs\images.md

# =============================================================================
# Dask Gateway limits
# =============================================================================
dask_worker_cores_max  = 1   # 1 core per worker | CPU-bound xagg jobs
dask_worker_memory_max = 3   # 3 GB per worker
dask_cluster_max_cores = 200 # max 200 cores per cluster

# =============================================================================
# Idle timeouts
# =============================================================================
kernel_cull_timeout = 1200 # 20 minutes; see docs\\culling.md

# =============================================================================
# Feature flags and authentication
# =============================================================================
enable_profile_selection = true # users pick Small/Medium at login
use_three_node_groups    = true # system, user, worker
enable_lambda_invoke     = true # xagg ICESat-2 processing
github_enabled           = true
