// A root module's variable declarations as data (module.ts reads .tf files into them,
// module_json.ts .tf.json files).
import type { Value } from "../hcl/value.ts";

export interface ModuleVariable {
  name: string;
  /** The `default`, as a value; undefined when the block has none (the variable is required). */
  default?: Value;
  /** The raw source of the `type` expression (`list(string)`); undefined when not declared. */
  typeSource?: string;
  description?: string;
  /** `sensitive = true|false` when declared. */
  sensitive?: boolean;
  /** The file as named to the user (module label joined with the file name), and the block's line. */
  file: string;
  line: number;
}

export interface ModuleVars {
  dir: string;
  /** The *.tf files read, as named to the user, sorted. */
  files: string[];
  /** In file order, then declaration order. */
  variables: Map<string, ModuleVariable>;
}
