// The shapes of tfsync.hcl's settings, apart from the code that reads them (config.ts and
// config_parse.ts both use them; neither imports the other for them).

/** A named set of syncable variables (`tfsync sync --group NAME`, `make sync-NAME`). */
export interface Group {
  name: string;
  description: string;
  /** Variable names (in settings: as written, names or paths into values). */
  variables: readonly string[];
  /** The paths as written, when any names a key inside a value (Config's groups only). */
  paths?: readonly string[];
}

export type VariableClass = "syncable" | "environment_specific" | "unclassified";

/** What tfsync.hcl says, before paths are resolved. */
export interface ConfigSettings {
  environmentsDir: string;
  tfvarsFile: string;
  /**
   * An environment's var files in -var-file order, `{env}` standing for its name (a path without
   * it is a layer all environments share); `*` allowed in a path's last part. When absent:
   * `environmentsDir/{env}/tfvarsFile`.
   */
  environmentFiles?: readonly string[];
  sharedFile: string;
  moduleDir: string;
  groups: readonly Group[];
  environmentSpecific: readonly string[];
  /** The environments features flow through, first to last (`promotion_order`); optional. */
  promotionOrder?: readonly string[];
  /** The tfsync.hcl line of each name in promotionOrder, for messages. */
  promotionOrderLines?: readonly number[];
}
