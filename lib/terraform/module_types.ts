// A root module's variable declarations as data (module.ts reads .tf files into them,
// module_json.ts .tf.json files).
import type { Value } from "../hcl/value.ts";
import type { LinePlace } from "../hcl/errors.ts";

export interface ModuleVariable extends LinePlace {
  name: string;
  /** The `default`, as a value; undefined when the block has none (the variable is required). */
  default?: Value;
  /** The raw source of the `type` expression (`list(string)`); undefined when not declared. */
  typeSource?: string;
  description?: string;
  /** `sensitive = true|false` when declared. */
  sensitive?: boolean;
  /** `file` as named to the user (module label joined with the file name), `line` the block's. */
}

export interface ModuleVars {
  dir: string;
  /** The *.tf files read, as named to the user, sorted. */
  files: string[];
  /** In file order, then declaration order. */
  variables: Map<string, ModuleVariable>;
}
