import assert from "node:assert/strict";
import { parse } from "./document.ts";
import { addRule, parsePath, type RuleTree } from "./path.ts";
import { syncedKeys, syncedPart } from "./path_select.ts";
import { toJson } from "./value.ts";

/** The rule tree of one variable: `[path, syncs]` pairs, as tfsync.hcl's lists give them. */
function rules(...paths: Array<[string, boolean]>): RuleTree {
  const tree: RuleTree = { keys: new Map() };
  for (const [p, syncs] of paths) addRule(tree, parsePath(p).steps).syncs = syncs;
  return tree;
}

const VALUE = parse(
  `v = {
  domain = "staging"
  otel   = false
  groups = {
    general = { ami = "1.30", size = 3 }
    gpu     = { ami = "1.30", size = 1 }
  }
  list = [1, 2]
}
`,
).get("v")!.value;

Deno.test("syncedKeys() and syncedPart() keep exactly the paths the rules sync", async (t) => {
  const cases: Array<[string, RuleTree, string[][], string | undefined]> = [
    ["one key of an environment-specific object", rules(["v", false], ["v.otel", true]), [[
      "otel",
    ]], '{"otel":false}'],
    [
      "`*`: the key in every element of a map",
      rules(["v", false], ["v.groups.*.ami", true]),
      [["groups", "general", "ami"], ["groups", "gpu", "ami"]],
      '{"groups":{"general":{"ami":"1.30"},"gpu":{"ami":"1.30"}}}',
    ],
    [
      "a synced object but one key (lists whole)",
      rules(["v", true], ["v.domain", false], ["v.groups", false]),
      [["otel"], ["list"]],
      '{"otel":false,"list":[1,2]}',
    ],
    ["nothing syncs", rules(["v", false], ["v.missing", true]), [], undefined],
    ["a key inside a value that is no object", rules(["v.otel.x", true]), [], undefined],
    ["the whole value", rules(["v", true]), [[]], toJson(VALUE)],
  ];
  for (const [name, tree, keys, part] of cases) {
    await t.step(name, () => {
      assert.deepEqual(syncedKeys(VALUE, tree), keys);
      const got = syncedPart(VALUE, tree);
      assert.equal(got === undefined ? undefined : toJson(got), part);
    });
  }
});
