import assert from "node:assert/strict";
import { type ConfigSettings, DEFAULT_SETTINGS, parseConfig } from "./config.ts";
import { quote, renderConfig } from "./config_write.ts";

const roundTrip = (s: ConfigSettings) =>
  parseConfig(renderConfig(s), "tfsync.hcl", "/repo").settings;

Deno.test("renderConfig() reads back as the same settings", () => {
  const many = Array.from({ length: 60 }, (_, i) => `variable_number_${i}`);
  const cases: ConfigSettings[] = [
    DEFAULT_SETTINGS,
    {
      environmentsDir: "envs",
      tfvarsFile: "main.tfvars",
      sharedFile: "shared/x ${y} %{z}.tfvars",
      moduleDir: "modules/hub",
      groups: [
        { name: "big", description: 'quotes " and \\ and ${x}', variables: many },
        { name: "empty", description: "", variables: [] },
      ],
      environmentSpecific: [],
    },
  ];
  for (const settings of cases) assert.deepEqual(roundTrip(settings), settings);
});

Deno.test("renderConfig() lays out as terraform fmt would, within 100 columns", () => {
  const text = renderConfig(DEFAULT_SETTINGS, { header: ["A header."] });
  assert.ok(
    text.startsWith('# A header.\n\nenvironments_dir = "environments"\ntfvars_file      = '),
  );
  assert.ok(
    text.includes(
      'group "images" {\n  description = "Container Image Configuration"\n  variables   = ["singleuser_image_name", "singleuser_image_tag"]\n}\n',
    ),
  );
  assert.ok(text.split("\n").every((l) => l.length <= 100));
  assert.ok(text.endsWith('  "pin_main_nodes_single_az", "pin_user_nodes_single_az",\n]\n'));
});

Deno.test("quote() escapes quotes, backslashes and control characters", () => {
  assert.equal(quote('a "b" \\ \n'), '"a \\"b\\" \\\\ \\n"');
});
