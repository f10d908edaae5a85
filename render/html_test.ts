import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateSync } from "node:zlib";
import { loadConfig } from "../lib/config/config.ts";
import { escapeHtml, renderMatrixHtml } from "./html.ts";
import { buildMatrix } from "../lib/report/matrix.ts";
import { loadSnapshot } from "../lib/repo/snapshot.ts";

const EXAMPLE = fileURLToPath(new URL("../fixtures/example", import.meta.url));

async function page(): Promise<string> {
  const m = buildMatrix(await loadSnapshot(await loadConfig(EXAMPLE)));
  return renderMatrixHtml(m, { title: "Example <matrix>" });
}

Deno.test("escapeHtml() escapes markup and quotes", () => {
  assert.equal(
    escapeHtml(`<a href="x">'&'</a>`),
    "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
  );
});

Deno.test("renderMatrixHtml() is one self-contained page", async () => {
  const html = await page();
  assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">'));
  assert.ok(html.endsWith("</html>\n"));
  // no external asset of any kind: no link, script, image, import or url()
  assert.doesNotMatch(
    html,
    /<(link|script|img|iframe|object|embed)\b|@import|url\(|\bsrc=|\bhref=/i,
  );
  assert.match(html, /<title>Example &lt;matrix&gt;<\/title>/);
  assert.equal(html.match(/class="v( default)? differs"/g)?.length, 13);
  assert.match(
    html,
    /<td class="v differs" title="&quot;2025.06.02&quot; \(environments\/prod\/terraform.tfvars:108\)">&quot;2025.06.02&quot;<\/td>/,
  );
});

/** The first chromium-like browser on PATH, or undefined. */
function browser(): string | undefined {
  for (const name of ["chromium", "chromium-browser", "google-chrome", "chrome"]) {
    try {
      const out = new Deno.Command(name, { args: ["--version"], stdout: "null", stderr: "null" })
        .outputSync();
      if (out.success) return name;
    } catch { /* not installed */ }
  }
  return undefined;
}

const BROWSER = browser();

/** Decodes an 8-bit RGB or RGBA PNG into its pixels. */
function decodePng(
  png: Uint8Array,
): { width: number; height: number; rgb: (x: number, y: number) => number[] } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let width = 0, height = 0, channels = 0;
  const idat: Uint8Array[] = [];
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = new TextDecoder().decode(png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      assert.equal(data[8], 8, "8-bit PNG");
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : 0;
      assert.ok(channels, `colour type ${data[9]}`);
    } else if (type === "IDAT") idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(new Uint8Array(idat.flatMap((d) => [...d])));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      pixels[y * stride + x] = v + [0, a, b, (a + b) >> 1, paeth][filter];
    }
  }
  return {
    width,
    height,
    rgb: (x, y) => [...pixels.subarray(y * stride + x * channels, y * stride + x * channels + 3)],
  };
}

Deno.test({
  name: `renderMatrixHtml() renders in a headless browser${
    BROWSER ? "" : " (skipped: no chromium on PATH; apt-get install chromium)"
  }`,
  ignore: BROWSER === undefined,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "tfsync-html-" });
    try {
      const file = join(dir, "matrix.html");
      await Deno.writeTextFile(file, await page());
      const flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        `--user-data-dir=${join(dir, "profile")}`,
        "--window-size=1200,900",
      ];
      const run = (extra: string[]) =>
        new Deno.Command(BROWSER!, { args: [...flags, ...extra, `file://${file}`], stderr: "null" })
          .output();
      const dom = new TextDecoder().decode((await run(["--dump-dom"])).stdout);
      assert.match(dom, /<h1>Example &lt;matrix&gt;<\/h1>/);
      assert.equal(dom.match(/<tr>/g)?.length, 12, "a header row and 11 variables");
      const shot = join(dir, "matrix.png");
      await run([`--screenshot=${shot}`]);
      const img = decodePng(await Deno.readFile(shot));
      assert.deepEqual([img.width, img.height], [1200, 900]);
      // The marked cells are painted in the highlight colour (#fff3bf), the rest is not blank.
      let highlight = 0, ink = 0;
      for (let y = 0; y < img.height; y += 2) {
        for (let x = 0; x < img.width; x += 2) {
          const [r, g, b] = img.rgb(x, y);
          if (r === 0xff && g === 0xf3 && b === 0xbf) highlight++;
          if (r + g + b < 200) ink++;
        }
      }
      assert.ok(highlight > 1000, `highlighted pixels: ${highlight}`);
      assert.ok(ink > 1000, `dark (text) pixels: ${ink}`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("renderMatrixHtml() summary row: pending and drift per environment, or in line", () => {
  const page = renderMatrixHtml(
    { environments: ["dev", "prod"], rows: [] },
    { summary: { prod: { pending: 2, drift: 1 } } },
  );
  assert.ok(
    page.includes(
      '<tr class="summary"><th scope="row">Summary</th><td class="">dev: in line</td><td class="findings">prod: 2 pending, 1 drift</td></tr>',
    ),
    page,
  );
  assert.ok(!page.includes('class="made"'));
});
