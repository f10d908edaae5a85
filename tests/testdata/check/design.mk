# The Makefile targets of environment-sync-strategy.md (its two makefile blocks), verbatim.

##@ Environment Sync

# Variables for sync operations
SYNC_SOURCE ?= englacial
SYNC_TARGET ?= dev
SHARED_FEATURES := environments/shared-features.tfvars

# Define which variables are "syncable" (features) vs "environment-specific"
SYNCABLE_VARS := singleuser_image_name singleuser_image_tag \
                 dask_worker_cores_max dask_worker_memory_max dask_cluster_max_cores \
                 kernel_cull_timeout server_cull_timeout \
                 enable_profile_selection use_three_node_groups enable_lambda_invoke \
                 github_enabled

ENV_SPECIFIC_VARS := environment region cluster_name domain_name admin_email owner_email \
                     cost_center vpc_cidr enable_nat_gateway single_nat_gateway \
                     deletion_protection force_destroy_s3 skip_final_snapshot \
                     system_node_instance_types system_node_min_size system_node_max_size \
                     user_node_instance_types user_node_min_size user_node_max_size \
                     dask_node_instance_types dask_node_min_size dask_node_max_size \
                     kubernetes_version enable_acm acm_enable_wildcard acm_auto_validate \
                     github_org_whitelist pin_main_nodes_single_az pin_user_nodes_single_az

sync-features-from: ## Extract syncable features from source env (SYNC_SOURCE=env)
	@echo -e "$(GREEN)Extracting syncable features from $(SYNC_SOURCE)...$(NC)"
	@SOURCE_FILE="environments/$(SYNC_SOURCE)/terraform.tfvars"; \
	if [ ! -f "$$SOURCE_FILE" ]; then \
		echo -e "$(RED)Error: $$SOURCE_FILE not found$(NC)"; \
		exit 1; \
	fi; \
	echo "# Shared Features Configuration" > $(SHARED_FEATURES); \
	echo "# Extracted from: $(SYNC_SOURCE)" >> $(SHARED_FEATURES); \
	echo "# Date: $$(date +%Y-%m-%d)" >> $(SHARED_FEATURES); \
	echo "" >> $(SHARED_FEATURES); \
	for var in $(SYNCABLE_VARS); do \
		VALUE=$$(grep "^$$var " "$$SOURCE_FILE" | head -1); \
		if [ -n "$$VALUE" ]; then \
			echo "$$VALUE" >> $(SHARED_FEATURES); \
		fi; \
	done
	@echo -e "$(GREEN)Features extracted to $(SHARED_FEATURES)$(NC)"
	@echo "Review the file and then run: make sync-features-to SYNC_TARGET=<env>"

sync-features-to: ## Apply shared features to target env (SYNC_TARGET=env)
	@echo -e "$(YELLOW)Syncing features to $(SYNC_TARGET)...$(NC)"
	@TARGET_FILE="environments/$(SYNC_TARGET)/terraform.tfvars"; \
	BACKUP_FILE="environments/$(SYNC_TARGET)/terraform.tfvars.bak"; \
	if [ ! -f "$$TARGET_FILE" ]; then \
		echo -e "$(RED)Error: $$TARGET_FILE not found$(NC)"; \
		exit 1; \
	fi; \
	if [ ! -f "$(SHARED_FEATURES)" ]; then \
		echo -e "$(RED)Error: $(SHARED_FEATURES) not found. Run sync-features-from first$(NC)"; \
		exit 1; \
	fi; \
	cp "$$TARGET_FILE" "$$BACKUP_FILE"; \
	echo "Backup created: $$BACKUP_FILE"; \
	for var in $(SYNCABLE_VARS); do \
		NEW_VALUE=$$(grep "^$$var " "$(SHARED_FEATURES)" | head -1); \
		if [ -n "$$NEW_VALUE" ]; then \
			if grep -q "^$$var " "$$TARGET_FILE"; then \
				sed -i "s|^$$var .*|$$NEW_VALUE|" "$$TARGET_FILE"; \
			else \
				echo "$$NEW_VALUE" >> "$$TARGET_FILE"; \
			fi; \
		fi; \
	done; \
	echo -e "$(GREEN)Features synced to $$TARGET_FILE$(NC)"; \
	echo "Review changes with: diff $$BACKUP_FILE $$TARGET_FILE"

sync-diff: ## Show differences between two environments
	@echo -e "$(GREEN)Comparing $(SYNC_SOURCE) → $(SYNC_TARGET)$(NC)"
	@echo ""
	@echo "=== SYNCABLE FEATURES ==="
	@for var in $(SYNCABLE_VARS); do \
		SRC=$$(grep "^$$var " "environments/$(SYNC_SOURCE)/terraform.tfvars" | head -1 | sed 's/.*= //'); \
		TGT=$$(grep "^$$var " "environments/$(SYNC_TARGET)/terraform.tfvars" | head -1 | sed 's/.*= //'); \
		if [ "$$SRC" != "$$TGT" ]; then \
			echo -e "$(YELLOW)$$var$(NC)"; \
			echo "  $(SYNC_SOURCE): $$SRC"; \
			echo "  $(SYNC_TARGET): $$TGT"; \
		fi; \
	done
	@echo ""
	@echo "=== ENVIRONMENT-SPECIFIC (not synced) ==="
	@for var in $(ENV_SPECIFIC_VARS); do \
		SRC=$$(grep "^$$var " "environments/$(SYNC_SOURCE)/terraform.tfvars" | head -1 | sed 's/.*= //'); \
		TGT=$$(grep "^$$var " "environments/$(SYNC_TARGET)/terraform.tfvars" | head -1 | sed 's/.*= //'); \
		if [ "$$SRC" != "$$TGT" ]; then \
			echo "$$var: $$SRC → $$TGT"; \
		fi; \
	done

sync-promote: ## Promote features from test to prod (SYNC_SOURCE=test → SYNC_TARGET=prod)
	@echo -e "$(YELLOW)Promoting features from $(SYNC_SOURCE) to $(SYNC_TARGET)$(NC)"
	@echo "This will:"
	@echo "  1. Extract features from $(SYNC_SOURCE)"
	@echo "  2. Apply them to $(SYNC_TARGET)"
	@echo "  3. Show the diff for review"
	@echo ""
	@echo "Press Ctrl+C to cancel, or Enter to continue..."
	@read dummy
	$(MAKE) sync-features-from SYNC_SOURCE=$(SYNC_SOURCE)
	$(MAKE) sync-features-to SYNC_TARGET=$(SYNC_TARGET)
	$(MAKE) sync-diff SYNC_SOURCE=$(SYNC_SOURCE) SYNC_TARGET=$(SYNC_TARGET)

sync-backport: ## Backport features from prod to test (SYNC_SOURCE=prod → SYNC_TARGET=test)
	@echo -e "$(YELLOW)Backporting features from $(SYNC_SOURCE) to $(SYNC_TARGET)$(NC)"
	$(MAKE) sync-promote SYNC_SOURCE=$(SYNC_SOURCE) SYNC_TARGET=$(SYNC_TARGET)

# Sync only container image settings
sync-images:
	@echo "Syncing container images from $(SYNC_SOURCE) to $(SYNC_TARGET)"
	@for var in singleuser_image_name singleuser_image_tag; do \
		NEW_VALUE=$$(grep "^$$var " "environments/$(SYNC_SOURCE)/terraform.tfvars"); \
		sed -i "s|^$$var .*|$$NEW_VALUE|" "environments/$(SYNC_TARGET)/terraform.tfvars"; \
	done

# Sync only Dask configuration
sync-dask:
	@echo "Syncing Dask config from $(SYNC_SOURCE) to $(SYNC_TARGET)"
	@for var in dask_worker_cores_max dask_worker_memory_max dask_cluster_max_cores; do \
		NEW_VALUE=$$(grep "^$$var " "environments/$(SYNC_SOURCE)/terraform.tfvars"); \
		sed -i "s|^$$var .*|$$NEW_VALUE|" "environments/$(SYNC_TARGET)/terraform.tfvars"; \
	done

# Sync only timeout settings
sync-timeouts:
	@echo "Syncing timeout settings from $(SYNC_SOURCE) to $(SYNC_TARGET)"
	@for var in kernel_cull_timeout server_cull_timeout; do \
		NEW_VALUE=$$(grep "^$$var " "environments/$(SYNC_SOURCE)/terraform.tfvars"); \
		sed -i "s|^$$var .*|$$NEW_VALUE|" "environments/$(SYNC_TARGET)/terraform.tfvars"; \
	done
