// A group that names a variable no variable block declares and no var file sets: most likely a
// typo (`dask_worker_core_max`), which would otherwise sync nothing without a word.
import { layerDocs, type Snapshot } from "../repo/snapshot.ts";
import type { Finding } from "./check_types.ts";

export function unknownGroupVariables(s: Snapshot, configFile: string): Finding[] {
  const docs = [...(s.shared ? [s.shared] : []), ...s.environments.flatMap(layerDocs)];
  const out: Finding[] = [];
  for (const g of s.config.groups) {
    for (const name of g.variables) {
      if (s.module.variables.has(name) || docs.some((d) => d.get(name) !== undefined)) continue;
      out.push({
        check: "config",
        severity: "warning",
        message: `group "${g.name}" names "${name}", which no variable block declares and no ` +
          `var file sets (a typo?)`,
        file: configFile,
        variable: name,
      });
    }
  }
  return out;
}
