# tfsync configuration for this example repository.
# Syncable variables are the union of the groups below; environment_specific
# variables are never synced; anything in neither list (here:
# hub_banner_message) is "unclassified": never synced, always reported.

environments_dir = "environments"                        # default
tfvars_file      = "terraform.tfvars"                    # default
shared_file      = "environments/shared-features.tfvars" # default
module_dir       = "."                                   # variables.tf lives here

group "images" {
  description = "Container images"
  variables   = ["singleuser_image_name", "singleuser_image_tag"]
}

group "dask" {
  description = "Dask Gateway limits"
  variables = [
    "dask_worker_cores_max",
    "dask_worker_memory_max",
    "dask_cluster_max_cores",
  ]
}

group "timeouts" {
  description = "Idle timeouts"
  variables   = ["kernel_cull_timeout", "server_cull_timeout"]
}

group "features" {
  description = "Feature flags and authentication"
  variables = [
    "enable_profile_selection",
    "use_three_node_groups",
    "enable_lambda_invoke",
    "github_enabled",
  ]
}

# The design's ENV_SPECIFIC_VARS, in its order, then this example's additions.
environment_specific = [
  "environment", "region", "cluster_name", "domain_name", "admin_email", "owner_email",
  "cost_center", "vpc_cidr", "enable_nat_gateway", "single_nat_gateway",
  "deletion_protection", "force_destroy_s3", "skip_final_snapshot",
  "system_node_instance_types", "system_node_min_size", "system_node_max_size",
  "user_node_instance_types", "user_node_min_size", "user_node_max_size",
  "dask_node_instance_types", "dask_node_min_size", "dask_node_max_size",
  "kubernetes_version", "enable_acm", "acm_enable_wildcard", "acm_auto_validate",
  "github_org_whitelist", "pin_main_nodes_single_az", "pin_user_nodes_single_az",
  # additions of this example (not in the design's Makefile)
  "tags", "monitoring", "extra_user_config",
]
