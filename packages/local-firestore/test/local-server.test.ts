/**
 * The local server itself (persistence, CLI, reset endpoint, project isolation, explicit errors for
 * what it does not support). These tests always start their own local server.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Firestore, Timestamp } from "@google-cloud/firestore";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type LocalFirestore, startLocalFirestore } from "../src/index.js";
import { Code } from "./codes.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const DATA_FILE = "firestore.sqlite";

const clientFor = (server: LocalFirestore, projectId: string) => new Firestore({ projectId, host: server.host, ssl: false });

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "local-firestore-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("persistence", () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0)) await step();
  });

  it("when the server stops and starts on the same folder, then documents, their times and special doubles survive", async () => {
    const dir = path.join(dataDir, "roundtrip");
    const first = await startLocalFirestore({ dataDir: dir });
    const db = clientFor(first, "persisted");
    const written = await db.doc("plans/p1").set({
      n: 1,
      specials: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0],
      at: new Timestamp(1_800_000_000, 123_456_000),
      bytes: Buffer.from([1, 2, 3]),
      nested: { 名称: "计划", list: [{ a: 1 }] },
    });
    await db.doc("plans/p1/revisions/r1").set({ rev: 1 });
    await db.terminate();
    await first.stop();

    expect((await readdir(dir)).sort()).toEqual([DATA_FILE]);
    const second = await startLocalFirestore({ dataDir: dir });
    const again = clientFor(second, "persisted");
    cleanup.push(
      () => again.terminate(),
      () => second.stop(),
    );
    const snap = await again.doc("plans/p1").get();
    expect(snap.updateTime?.isEqual(written.writeTime)).toBe(true);
    expect(snap.get("specials")).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0]);
    expect(Object.is(snap.get("specials")[3], -0)).toBe(true);
    expect((snap.get("at") as Timestamp).isEqual(new Timestamp(1_800_000_000, 123_456_000))).toBe(true);
    expect(Buffer.from(snap.get("bytes")).equals(Buffer.from([1, 2, 3]))).toBe(true);
    expect(snap.get("nested")).toEqual({ 名称: "计划", list: [{ a: 1 }] });
    expect((await again.collectionGroup("revisions").get()).size).toBe(1);
    const later = await again.doc("plans/p1").update({ n: 2 });
    expect(later.writeTime.valueOf() > written.writeTime.valueOf()).toBe(true);
  });

  it("when a folder holds the firestore.json of earlier versions, then it is imported once and renamed", async () => {
    const dir = path.join(dataDir, "legacy");
    await mkdir(dir, { recursive: true });
    const saved = {
      format: "planops-local-firestore",
      version: 1,
      savedAt: "2026-01-01T00:00:00.000Z",
      databases: {
        "projects/legacy/databases/(default)": [
          {
            path: "plans/p1",
            createTime: "2026-01-01T00:00:00.000001Z",
            updateTime: "2026-01-02T00:00:00.000002Z",
            fields: { title: { stringValue: "计划" }, odd: { doubleValue: "NaN" } },
          },
        ],
      },
    };
    await writeFile(path.join(dir, "firestore.json"), JSON.stringify(saved));
    const first = await startLocalFirestore({ dataDir: dir });
    const db = clientFor(first, "legacy");
    const snap = await db.doc("plans/p1").get();
    expect(snap.get("title")).toBe("计划");
    expect(snap.get("odd")).toBeNaN();
    expect(snap.updateTime?.toDate().toISOString()).toBe("2026-01-02T00:00:00.000Z");
    await db.doc("plans/p1").delete();
    await db.terminate();
    await first.stop();
    expect((await readdir(dir)).sort()).toEqual(["firestore.json.imported", DATA_FILE]);

    const second = await startLocalFirestore({ dataDir: dir });
    const again = clientFor(second, "legacy");
    cleanup.push(
      () => again.terminate(),
      () => second.stop(),
    );
    expect((await again.doc("plans/p1").get()).exists).toBe(false);
  });

  it("when a second server is started on a data folder in use, then it refuses to start", async () => {
    const dir = path.join(dataDir, "locked");
    const server = await startLocalFirestore({ dataDir: dir });
    cleanup.push(() => server.stop());
    await expect(startLocalFirestore({ dataDir: dir })).rejects.toThrow(/in use by another local Firestore/);
  });

  it("when no data folder is given, then nothing is written and a restart starts empty", async () => {
    const first = await startLocalFirestore({});
    const db = clientFor(first, "memory");
    await db.doc("c/d").set({ v: 1 });
    await db.terminate();
    await first.stop();
    const second = await startLocalFirestore({});
    const again = clientFor(second, "memory");
    cleanup.push(
      () => again.terminate(),
      () => second.stop(),
    );
    expect((await again.doc("c/d").get()).exists).toBe(false);
  });
});

describe("one server, several projects", () => {
  let server: LocalFirestore;
  let a: Firestore;
  let b: Firestore;
  beforeAll(async () => {
    server = await startLocalFirestore({});
    a = clientFor(server, "project-a");
    b = clientFor(server, "project-b");
  });
  afterAll(async () => {
    await Promise.all([a.terminate(), b.terminate()]);
    await server.stop();
  });

  it("when two projects write the same path, then each sees only its own data", async () => {
    await a.doc("shared/doc").set({ owner: "a" });
    await b.doc("shared/doc").set({ owner: "b" });
    expect((await a.doc("shared/doc").get()).get("owner")).toBe("a");
    expect((await b.collection("shared").get()).docs.map((d) => d.get("owner"))).toEqual(["b"]);
  });

  it("when the emulator reset endpoint is called for one project, then only that project is emptied", async () => {
    await a.doc("reset/x").set({ v: 1 });
    await b.doc("reset/x").set({ v: 1 });
    const response = await fetch(`http://${server.host}/emulator/v1/projects/project-a/databases/(default)/documents`, { method: "DELETE" });
    expect(response.status).toBe(200);
    expect((await a.doc("reset/x").get()).exists).toBe(false);
    expect((await b.doc("reset/x").get()).exists).toBe(true);
    expect(await (await fetch(`http://${server.host}/`)).text()).toBe("Ok\n");
  });

  it("when a read time predates the history the server holds, then the read fails with INVALID_ARGUMENT", async () => {
    const tenMinutesAgo = Timestamp.fromMillis(Date.now() - 10 * 60_000);
    const read = a.runTransaction((tx) => tx.get(a.doc("shared/doc")), { readOnly: true, readTime: tenMinutesAgo });
    await expect(read).rejects.toMatchObject({ code: Code.INVALID_ARGUMENT });
  });

  it("when a feature the local server lacks is used, then it fails with UNIMPLEMENTED instead of a wrong answer", async () => {
    await expect(a.collection("shared").explain({ analyze: true })).rejects.toMatchObject({ code: Code.UNIMPLEMENTED });
    const nearest = a.collection("shared").findNearest({ vectorField: "embedding", queryVector: [1, 2], limit: 1, distanceMeasure: "EUCLIDEAN" });
    await expect(nearest.get()).rejects.toMatchObject({ code: Code.UNIMPLEMENTED });
  });
});

describe("command line", () => {
  it("when started with --data and stopped with SIGTERM, then it prints the emulator host and saves; --reset starts empty", async () => {
    const dir = path.join(dataDir, "cli");
    const run = async (extra: string[], work: (host: string) => Promise<void>) => {
      const child = spawn(process.execPath, ["--import", "tsx", "packages/local-firestore/src/cli.ts", "--port", "0", "--data", dir, ...extra], {
        cwd: REPO_ROOT,
        stdio: ["ignore", "pipe", "inherit"],
      });
      let output = "";
      const host = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /^FIRESTORE_EMULATOR_HOST=(\S+)$/m.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.once("exit", (code) => reject(new Error(`cli exited early (${code}): ${output}`)));
      });
      await work(host);
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    };

    await run([], async (host) => {
      const db = new Firestore({ projectId: "cli", host, ssl: false });
      await db.doc("c/d").set({ v: "kept" });
      await db.terminate();
    });
    expect(await readFile(path.join(dir, DATA_FILE), "utf8")).toContain("kept");
    await run([], async (host) => {
      const db = new Firestore({ projectId: "cli", host, ssl: false });
      expect((await db.doc("c/d").get()).get("v")).toBe("kept");
      await db.terminate();
    });
    await run(["--reset"], async (host) => {
      const db = new Firestore({ projectId: "cli", host, ssl: false });
      expect((await db.doc("c/d").get()).exists).toBe(false);
      await db.terminate();
    });
  });
});
