import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GeoPoint, Timestamp } from "@google-cloud/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/platform/errors.js";
import { restDocumentReader } from "../../src/platform/firestore-rest.js";
import { useStack } from "../support/stack.js";

const stack = useStack({ seed: false });
const reader = () => restDocumentReader({ projectId: stack.env.GOOGLE_CLOUD_PROJECT, emulatorHost: stack.env.FIRESTORE_EMULATOR_HOST });

describe("reading documents over Firestore's REST API", () => {
  it("when the Firestore client wrote a document, then the REST read gives the same data (timestamps as Dates, bytes as Uint8Array, references as paths)", async () => {
    const plain = {
      name: "张伟 👩‍💼",
      empty: "",
      count: 42,
      negative: -7,
      big: 9_007_199_254_740_991,
      ratio: 0.875,
      on: true,
      off: false,
      nothing: null,
      roles: ["manager", "deputy"],
      nested: { group: "计划组", levels: [1, { two: [2] }, "three"], deeper: { yes: true } },
      emptyMap: {},
      emptyList: [],
    };
    const at = Timestamp.fromMillis(Date.UTC(2026, 11, 2, 8, 21, 35, 123));
    await stack.db.doc("rest-read/everything").set({
      ...plain,
      at,
      bytes: Buffer.from([0, 1, 254, 255]),
      place: new GeoPoint(31.2304, 121.4737),
      ref: stack.db.doc("roster/li@demo.cn"),
      notANumber: Number.NaN,
      infinite: Number.POSITIVE_INFINITY,
    });

    const read = await reader().get("rest-read/everything");
    expect(read?.path).toBe("rest-read/everything");
    expect(read?.data).toMatchObject(plain);
    expect(Object.keys(read?.data ?? {}).sort()).toEqual([...Object.keys(plain), "at", "bytes", "place", "ref", "notANumber", "infinite"].sort());
    expect(read?.data.at).toEqual(at.toDate());
    expect(read?.data.bytes).toEqual(new Uint8Array([0, 1, 254, 255]));
    expect(read?.data.place).toEqual({ latitude: 31.2304, longitude: 121.4737 });
    expect(read?.data.ref).toBe("roster/li@demo.cn");
    expect(read?.data.notANumber).toBeNaN();
    expect(read?.data.infinite).toBe(Number.POSITIVE_INFINITY);
  });

  it("when ids hold spaces, @, %, '?' or Chinese, then each is read as itself", async () => {
    const ids = ["li ming@demo.cn", "100%", "what?", "张伟", "a#b"];
    for (const id of ids) await stack.db.collection("rest-ids").doc(id).set({ id });
    for (const id of ids) expect((await reader().get(`rest-ids/${id}`))?.data).toEqual({ id });
    expect((await reader().list("rest-ids")).map((d) => d.data.id).sort()).toEqual([...ids].sort());
  });

  it("when the document or the collection does not exist, then undefined and an empty list", async () => {
    expect(await reader().get("rest-read/nobody")).toBeUndefined();
    expect(await reader().list("never-written")).toEqual([]);
  });

  it("when a document was deleted, then it is not read", async () => {
    await stack.db.doc("rest-read/gone").set({ x: 1 });
    await stack.db.doc("rest-read/gone").delete();
    expect(await reader().get("rest-read/gone")).toBeUndefined();
  });

  it("when a collection holds more than a page (1,234 documents), then the list has every one in id order and none of a sub-collection", async () => {
    const ids = Array.from({ length: 1234 }, (_, i) => `p${String(i).padStart(4, "0")}`);
    for (let i = 0; i < ids.length; i += 400) {
      const batch = stack.db.batch();
      for (const id of ids.slice(i, i + 400)) batch.set(stack.db.collection("rest-pages").doc(id), { n: Number(id.slice(1)) });
      await batch.commit();
    }
    await stack.db.doc("rest-pages/p0001/inside/x").set({ n: -1 });
    const listed = await reader().list("rest-pages");
    expect(listed.map((d) => d.path)).toEqual(ids.map((id) => `rest-pages/${id}`));
    expect(listed.map((d) => d.data.n)).toEqual(ids.map((_, i) => i));
    expect(await reader().list("rest-pages/p0001/inside")).toEqual([{ path: "rest-pages/p0001/inside/x", data: { n: -1 } }]);
  });
});

/** A server answering each request with the next of `answers` (status, body), the last one repeated. */
async function scriptedServer(answers: [number, unknown][]): Promise<{ host: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server: Server = createServer((_req, res) => {
    const [status, body] = answers[Math.min(calls++, answers.length - 1)] ?? [500, {}];
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("when Firestore does not answer as it should", () => {
  const document = { name: "projects/p/databases/(default)/documents/roster/a@b.cn", fields: { name: { stringValue: "甲" } } };
  let closedPort: string;
  beforeAll(async () => {
    const probe = await scriptedServer([[200, {}]]);
    closedPort = probe.host;
    await probe.close();
  });
  const servers: { close: () => Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it("when it cannot be reached, then 503 UNAVAILABLE in plain words (try again later)", async () => {
    const failed = await restDocumentReader({ projectId: "p", emulatorHost: closedPort })
      .get("roster/a@b.cn")
      .catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(AppError);
    expect((failed as AppError).code).toBe("UNAVAILABLE");
    expect((failed as AppError).status).toBe(503);
    expect((failed as AppError).text.zh).toMatch(/稍后再试/);
  });

  it("when it is overloaded for a moment (503, then 429), then the read is retried and succeeds", async () => {
    const server = await scriptedServer([
      [503, { error: { status: "UNAVAILABLE" } }],
      [429, { error: { status: "RESOURCE_EXHAUSTED" } }],
      [200, document],
    ]);
    servers.push(server);
    const read = await restDocumentReader({ projectId: "p", emulatorHost: server.host }).get("roster/a@b.cn");
    expect(read).toEqual({ path: "roster/a@b.cn", data: { name: "甲" } });
    expect(server.calls()).toBe(3);
  });

  it("when it refuses the request (403), then that is our error, not 'try again later', and it is not retried", async () => {
    const server = await scriptedServer([[403, { error: { code: 403, status: "PERMISSION_DENIED", message: "Missing or insufficient permissions." } }]]);
    servers.push(server);
    const failed = await restDocumentReader({ projectId: "p", emulatorHost: server.host })
      .get("roster/a@b.cn")
      .catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(Error);
    expect(failed).not.toBeInstanceOf(AppError);
    expect(String(failed)).toMatch(/403/);
    expect(server.calls()).toBe(1);
  });
});
