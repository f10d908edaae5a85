// tfsync with a pause inside its write window, for tests/faults_test.ts:
//   _tfsync.ts PAUSE_AT PAUSE_MS ARGS…
// pauses PAUSE_MS before the PAUSE_AT-th rename (1 = between the first two), after saying
// "fault: window PAUSE_AT" on stderr, so the test can kill it or signal it right there; it says
// "fault: writing" as the write begins.
import { testHooks } from "../../lib/write/files.ts";
import { cli } from "../../mod.ts";

const [at, ms, ...args] = Deno.args;
const say = (s: string) => Deno.stderr.writeSync(new TextEncoder().encode(s));
testHooks.beforeWrite = () => say("fault: writing\n");
testHooks.beforeRename = async (i) => {
  if (i !== Number(at)) return;
  say(`fault: window ${i}\n`);
  await new Promise((r) => setTimeout(r, Number(ms)));
};
await cli(args);
