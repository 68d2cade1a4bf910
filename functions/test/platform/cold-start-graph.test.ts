import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Metafile } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundle } from "../../bundle.mjs";

/**
 * What a cold start loads: the built entry and the chunks it imports statically. Speed
 * lives in `npm run bench` (functions/bench/cold-start.ts); this holds the structure that
 * makes it fast, so a stray import cannot undo it unnoticed.
 */
const entry = fileURLToPath(new URL("../../src/index.ts", import.meta.url));
let outdir: string;
let meta: Metafile;
beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), "planops-graph-"));
  meta = await bundle(entry, outdir);
}, 120_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The module (not its map) whose file name starts with `name`: the entry (index.mjs), the rest (app-…). */
function output(name: string): string {
  const found = Object.keys(meta.outputs).find((o) => o.endsWith(".mjs") && o.split("/").pop()?.startsWith(name));
  if (!found) throw new Error(`no ${name} among ${Object.keys(meta.outputs).join(", ")}`);
  return found;
}

/** The outputs reachable from `from` (the entry by default) through static imports only, or through dynamic ones too. */
function reachable(followDynamic: boolean, from = output("index.mjs")): string[] {
  const outputs = meta.outputs;
  const start = from;
  const seen = new Set<string>();
  const visit = (out: string) => {
    if (seen.has(out)) return;
    seen.add(out);
    for (const i of outputs[out]?.imports ?? []) {
      if (!i.external && (i.kind === "import-statement" || (followDynamic && i.kind === "dynamic-import"))) visit(i.path);
    }
  };
  visit(start);
  return [...seen];
}

/** The npm packages (and zod's API flavours) whose code is inside the given outputs. */
function packagesIn(outs: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const out of outs) {
    for (const input of Object.keys(meta.outputs[out]?.inputs ?? {})) {
      const m = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:v4\/(classic|mini)\/)?/.exec(input); // the innermost package
      if (m?.[1]) found.add(m[2] ? `${m[1]}/${m[2]}` : m[1]);
    }
  }
  return found;
}

const sourcesIn = (outs: readonly string[]) =>
  new Set(outs.flatMap((out) => Object.keys(meta.outputs[out]?.inputs ?? {})).map((i) => relative(join(entry, "../.."), i)));

describe("what a cold start of the functions loads", () => {
  it("when the entry is loaded, then neither the Firestore client (gRPC, google-gax, protobufs), google-auth-library nor zod's classic API comes with it", () => {
    const cold = packagesIn(reachable(false));
    for (const heavy of ["@google-cloud/firestore", "google-gax", "@grpc/grpc-js", "protobufjs", "google-auth-library", "zod/classic", "nodemailer"]) {
      expect(cold, `${heavy} is loaded by every cold start`).not.toContain(heavy);
    }
    expect(cold).toContain("zod/mini");
  });

  it("when a request needs the rest, then the client and every feature are in what the entry loads on demand", () => {
    const everything = packagesIn(reachable(true));
    for (const heavy of ["@google-cloud/firestore", "google-gax", "google-auth-library", "zod/classic", "nodemailer"]) expect(everything).toContain(heavy);
    const cold = sourcesIn(reachable(false));
    expect(cold).toContain("src/front-door.ts");
    expect(cold).toContain("src/platform/firestore-rest.ts");
    expect(cold).not.toContain("src/app.ts");
    expect(sourcesIn(reachable(true))).toContain("src/app.ts");
  });

  it("when the rest is loaded, then nodemailer still waits for the first message", () => {
    const app = output("app-");
    expect(sourcesIn([app])).toContain("src/app.ts");
    expect(packagesIn(reachable(false, app))).not.toContain("nodemailer");
    expect(packagesIn(reachable(true, app))).toContain("nodemailer");
  });
});
