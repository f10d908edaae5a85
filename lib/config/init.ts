// tfsync init: the text of a new tfsync.hcl (built-in defaults, or imported from a design-style
// Makefile), and the variables the environments set that fall in no list of it.
import {
  BUILT_IN,
  type Config,
  type ConfigSettings,
  DEFAULT_SETTINGS,
  parseConfig,
} from "./config.ts";
import { renderConfig } from "./config_write.ts";
import { VerificationError } from "../errors.ts";
import { importedSettings, parseMakefile } from "./makefile_import.ts";
import { loadSnapshot } from "../repo/snapshot.ts";

export interface InitPlan {
  text: string;
  settings: ConfigSettings;
  /** "built-in defaults" or the Makefile as named to the user. */
  source: string;
  warnings: string[];
}

/** The new tfsync.hcl. `makefile` is the Makefile's text and its name, when importing one. */
export function planInit(makefile?: { text: string; name: string }): InitPlan {
  if (!makefile) {
    return {
      text: renderConfig(DEFAULT_SETTINGS, {
        header: [
          "tfsync configuration, written by `tfsync init` from the built-in defaults (the design's",
          "SYNCABLE_VARS in four groups, and its ENV_SPECIFIC_VARS).",
          "Syncable variables are the union of the groups; environment_specific variables are never",
          "synced; a variable in neither list is unclassified: never synced, always reported.",
        ],
      }),
      settings: DEFAULT_SETTINGS,
      source: BUILT_IN,
      warnings: [],
    };
  }
  const { settings, warnings } = importedSettings(
    parseMakefile(makefile.text, makefile.name),
    DEFAULT_SETTINGS,
  );
  const text = renderConfig(settings, {
    header: [
      `tfsync configuration, imported by \`tfsync init\` from ${makefile.name}:`,
      "its SYNCABLE_VARS, ENV_SPECIFIC_VARS and the variable lists of its sync-<group> targets.",
      "Syncable variables are the union of the groups; environment_specific variables are never",
      "synced; a variable in neither list is unclassified: never synced, always reported.",
    ],
  });
  return { text, settings, source: makefile.name, warnings };
}

/** The plan's text read back as a config, which must give the same settings (else a bug). */
export function verifyPlan(plan: InitPlan, file: string, root: string): Config {
  const config = parseConfig(plan.text, file, root);
  const norm = (s: ConfigSettings) =>
    JSON.stringify({ ...s, groups: s.groups.map((g) => ({ ...g })) });
  if (norm(config.settings) !== norm(plan.settings)) {
    throw new VerificationError("The written text does not read back as the intended settings", {
      file,
    });
  }
  return config;
}

export interface Survey {
  environments: string[];
  /** Variables set in some environment and in no list of the config, with where they are set. */
  unclassified: Array<{ name: string; environments: string[] }>;
  /** Files that could not be read (listed, not fatal). */
  problems: string[];
}

/** What the environments set that the config does not classify. Never throws on bad files. */
export async function survey(config: Config, display: (p: string) => string): Promise<Survey> {
  const s = await loadSnapshot(config, { tolerant: true, display });
  const seen = new Map<string, string[]>();
  for (const e of s.environments) {
    for (const a of e.doc?.attributes ?? []) {
      if (config.classify(a.name) !== "unclassified") continue;
      seen.set(a.name, [...(seen.get(a.name) ?? []), e.name]);
    }
  }
  return {
    environments: s.environments.map((e) => e.name),
    unclassified: [...seen].map(([name, environments]) => ({ name, environments }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
    problems: s.problems.map((p) =>
      `${p.file ? `${p.file}${p.line ? `:${p.line}` : ""}: ` : ""}${p.message}`
    ),
  };
}
