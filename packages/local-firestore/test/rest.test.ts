/**
 * Firestore's v1 REST reads (documents.get, documents.list) on the same port as gRPC: documents are
 * written with the real client and read with plain fetch, expecting exactly the JSON Google sends.
 * Uses FIRESTORE_EMULATOR_HOST when set (to compare with the official emulator), else starts a server.
 */
import { randomUUID } from "node:crypto";
import { Firestore, GeoPoint, Timestamp } from "@google-cloud/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalFirestore, startLocalFirestore } from "../src/index.js";
import { timestampJson } from "../src/rest-json.js";

const projectId = `rest-${randomUUID().slice(0, 8)}`;
const documents = `projects/${projectId}/databases/(default)/documents`;
let server: LocalFirestore | undefined;
let host: string;
let db: Firestore;

beforeAll(async () => {
  if (process.env.FIRESTORE_EMULATOR_HOST) host = process.env.FIRESTORE_EMULATOR_HOST;
  else {
    server = await startLocalFirestore({ port: 0 });
    host = server.host;
  }
  db = new Firestore({ projectId, host, ssl: false });
});
afterAll(async () => {
  await db.terminate();
  await server?.stop();
});

interface RestAnswer {
  status: number;
  contentType: string | null;
  text: string;
  body: Record<string, unknown>;
}

/** GET (or another method) on `/v1/<documents>/<path>`, each path segment percent-encoded as a client must. */
async function rest(path: string, query: Record<string, string | string[]> = {}, method = "GET"): Promise<RestAnswer> {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) for (const v of [value].flat()) search.append(name, v);
  const response = await fetch(`http://${host}/v1/${documents}/${encoded}?${search}`, { method });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get("content-type"), text, body: JSON.parse(text) as Record<string, unknown> };
}

/** RFC 3339 as Google prints it: seconds, then 3, 6 or 9 fractional digits only when needed. */
const GOOGLE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}|\.\d{6}|\.\d{9})?Z$/;

function sameInstant(text: unknown, time: Timestamp): boolean {
  const match = GOOGLE_TIME.exec(String(text));
  if (!match) return false;
  const seconds = Date.parse(`${String(text).slice(0, 19)}Z`) / 1000;
  const nanos = Number((match[1] ?? ".").slice(1).padEnd(9, "0"));
  return seconds === time.seconds && nanos === time.nanoseconds;
}

const notFound = (name: string) => ({ error: { code: 404, message: expect.stringContaining(name), status: "NOT_FOUND" } });

describe("documents.get", () => {
  it("when a document holds every value type, then REST answers the proto3 JSON Google sends", async () => {
    const written = await db.doc("values/all").set({
      text: "计划 ✅ 🚀",
      blank: "",
      big: 9_007_199_254_740_993n,
      negative: -42,
      zero: 0,
      double: 1.5,
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      negInf: Number.NEGATIVE_INFINITY,
      negZero: -0,
      yes: true,
      no: false,
      nothing: null,
      micros: new Timestamp(1_800_000_000, 123_456_000),
      millis: new Timestamp(1_800_000_000, 120_000_000),
      whole: new Timestamp(1_800_000_000, 0),
      bytes: Buffer.from([0, 1, 2, 250, 255]),
      ref: db.doc("people/张三"),
      geo: new GeoPoint(31.2304, 121.4737),
      origin: new GeoPoint(0, 0),
      nested: { 名称: "计划", list: [1, "two", { deep: [true] }] },
      emptyMap: {},
      emptyArray: [],
    });

    const answer = await rest("values/all");

    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe("application/json; charset=UTF-8");
    expect(Object.keys(answer.body)).toEqual(["name", "fields", "createTime", "updateTime"]);
    expect(answer.body).toEqual({
      name: `${documents}/values/all`,
      fields: {
        text: { stringValue: "计划 ✅ 🚀" },
        blank: { stringValue: "" },
        big: { integerValue: "9007199254740993" },
        negative: { integerValue: "-42" },
        zero: { integerValue: "0" },
        double: { doubleValue: 1.5 },
        nan: { doubleValue: "NaN" },
        inf: { doubleValue: "Infinity" },
        negInf: { doubleValue: "-Infinity" },
        negZero: { doubleValue: -0 },
        yes: { booleanValue: true },
        no: { booleanValue: false },
        nothing: { nullValue: null },
        micros: { timestampValue: "2027-01-15T08:00:00.123456Z" },
        millis: { timestampValue: "2027-01-15T08:00:00.120Z" },
        whole: { timestampValue: "2027-01-15T08:00:00Z" },
        bytes: { bytesValue: "AAEC+v8=" },
        ref: { referenceValue: `${documents}/people/张三` },
        geo: { geoPointValue: { latitude: 31.2304, longitude: 121.4737 } },
        origin: { geoPointValue: {} },
        nested: {
          mapValue: {
            fields: {
              名称: { stringValue: "计划" },
              list: {
                arrayValue: {
                  values: [
                    { integerValue: "1" },
                    { stringValue: "two" },
                    { mapValue: { fields: { deep: { arrayValue: { values: [{ booleanValue: true }] } } } } },
                  ],
                },
              },
            },
          },
        },
        emptyMap: { mapValue: {} },
        emptyArray: { arrayValue: {} },
      },
      createTime: expect.stringMatching(GOOGLE_TIME),
      updateTime: expect.stringMatching(GOOGLE_TIME),
    });
    // JSON.parse keeps -0, but check the text too: a serializer printing 0 would lose the sign.
    expect(answer.text).toContain('"doubleValue": -0\n');
    expect(sameInstant(answer.body.createTime, written.writeTime)).toBe(true);
    expect(sameInstant(answer.body.updateTime, written.writeTime)).toBe(true);
  });

  it("when a time has nanoseconds or lies at Firestore's earliest instant, then it prints 9 digits or none", () => {
    expect(timestampJson({ seconds: "1800000000", nanos: 123_456_789 })).toBe("2027-01-15T08:00:00.123456789Z");
    expect(timestampJson({ seconds: "-62135596800" })).toBe("0001-01-01T00:00:00Z");
    expect(timestampJson({ seconds: "253402300799", nanos: 999_999_000 })).toBe("9999-12-31T23:59:59.999999Z");
  });

  it("when a document has no fields, then the answer has no fields key", async () => {
    await db.doc("values/empty").set({});
    const answer = await rest("values/empty");
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body)).toEqual(["name", "createTime", "updateTime"]);
  });

  it("when a document is missing, then REST answers 404 with Google's error JSON", async () => {
    const answer = await rest("values/nobody");
    expect(answer.status).toBe(404);
    expect(answer.contentType).toBe("application/json; charset=UTF-8");
    expect(answer.body).toEqual(notFound(`${documents}/values/nobody`));
  });

  it("when a document is written and then deleted, then REST no longer finds it", async () => {
    await db.doc("values/short-lived").set({ v: 1 });
    expect((await rest("values/short-lived")).status).toBe(200);
    await db.doc("values/short-lived").delete();
    expect((await rest("values/short-lived")).body).toEqual(notFound(`${documents}/values/short-lived`));
    const listed = (await rest("values")).body.documents as { name: string }[];
    expect(listed.map((d) => d.name)).not.toContain(`${documents}/values/short-lived`);
  });

  it("when a mask names fields, then only those come back, and a mask matching nothing leaves no fields key", async () => {
    await db.doc("masked/m").set({ keep: "yes", drop: "no", nested: { a: 1, b: 2 }, 名称: "计划" });
    const answer = await rest("masked/m", { "mask.fieldPaths": ["keep", "nested.b", "`名称`"] });
    expect(answer.body.fields).toEqual({
      keep: { stringValue: "yes" },
      nested: { mapValue: { fields: { b: { integerValue: "2" } } } },
      名称: { stringValue: "计划" },
    });
    // Google binds the proto's snake_case parameter names as well.
    const none = await rest("masked/m", { "mask.field_paths": "absent" });
    expect(Object.keys(none.body)).toEqual(["name", "createTime", "updateTime"]);
  });

  it("when ids hold spaces, @, % and CJK, then their percent-encoded paths reach the document", async () => {
    await db.doc("人员 名册/张 三@hr%team").set({ role: "经理" });
    await db.doc("人员 名册/张 三@hr%team/历史/2027 Q1").set({ v: 1 });
    const got = await rest("人员 名册/张 三@hr%team");
    expect(got.body).toMatchObject({ name: `${documents}/人员 名册/张 三@hr%team`, fields: { role: { stringValue: "经理" } } });
    const listed = await rest("人员 名册/张 三@hr%team/历史");
    expect((listed.body.documents as { name: string }[]).map((d) => d.name)).toEqual([`${documents}/人员 名册/张 三@hr%team/历史/2027 Q1`]);
  });

  it("when readTime names an earlier moment, then the document as it was then comes back", async () => {
    await db.doc("history/h").set({ v: 1 });
    const first = await rest("history/h");
    await db.doc("history/h").set({ v: 2 });
    const then = await rest("history/h", { readTime: String(first.body.updateTime) });
    expect(then.body.fields).toEqual({ v: { integerValue: "1" } });
    expect((await rest("history/h")).body.fields).toEqual({ v: { integerValue: "2" } });
  });

  it("when prettyPrint=false, then the same JSON comes back on one line", async () => {
    await db.doc("values/compact").set({ v: 1 });
    const answer = await rest("values/compact", { prettyPrint: "false" });
    expect(answer.text).not.toContain("\n");
    expect(answer.body.fields).toEqual({ v: { integerValue: "1" } });
  });
});

describe("documents.list", () => {
  const ids = ["b", "a", "张", "A", "c d", "10", "9"];
  const inNameOrder = ["10", "9", "A", "a", "b", "c d", "张"];

  it("when a collection is walked with pageSize and pageToken, then every document comes once, in name order", async () => {
    for (const id of ids) await db.doc(`walk/${id}`).set({ id });
    const pages: Record<string, unknown>[] = [];
    let pageToken: string | undefined;
    do {
      const answer = await rest("walk", { pageSize: "3", ...(pageToken ? { pageToken } : {}) });
      expect(answer.status).toBe(200);
      pages.push(answer.body);
      pageToken = answer.body.nextPageToken as string | undefined;
    } while (pageToken);
    expect(pages.map((p) => (p.documents as unknown[]).length)).toEqual([3, 3, 1]);
    expect(Object.keys(pages[2] ?? {})).toEqual(["documents"]);
    const listed = pages.flatMap((p) => p.documents as { name: string; fields: unknown; createTime: string }[]);
    expect(listed.map((d) => d.name)).toEqual(inNameOrder.map((id) => `${documents}/walk/${id}`));
    expect(listed.map((d) => d.fields)).toEqual(inNameOrder.map((id) => ({ id: { stringValue: id } })));
    expect(listed.every((d) => GOOGLE_TIME.test(d.createTime))).toBe(true);
  });

  it("when a sub-collection is listed, then only its own documents come back", async () => {
    await db.doc("plans/p1/revisions/r2").set({ rev: 2 });
    await db.doc("plans/p1/revisions/r1").set({ rev: 1 });
    await db.doc("plans/p2/revisions/r3").set({ rev: 3 });
    await db.doc("plans/p1/revisionsOther/x").set({ rev: 0 });
    const answer = await rest("plans/p1/revisions", { orderBy: "__name__" });
    expect((answer.body.documents as { name: string }[]).map((d) => d.name)).toEqual([
      `${documents}/plans/p1/revisions/r1`,
      `${documents}/plans/p1/revisions/r2`,
    ]);
  });

  it("when showMissing is set, then a parent holding only sub-collections is listed by name alone", async () => {
    await db.doc("parents/real").set({ v: 1 });
    await db.doc("parents/ghost/children/c").set({ v: 2 });
    const without = await rest("parents");
    expect((without.body.documents as { name: string }[]).map((d) => d.name)).toEqual([`${documents}/parents/real`]);
    const withMissing = await rest("parents", { showMissing: "true", "mask.fieldPaths": "v" });
    expect(withMissing.body.documents).toEqual([
      { name: `${documents}/parents/ghost` },
      {
        name: `${documents}/parents/real`,
        fields: { v: { integerValue: "1" } },
        createTime: expect.stringMatching(GOOGLE_TIME),
        updateTime: expect.stringMatching(GOOGLE_TIME),
      },
    ]);
  });

  it("when a collection holds nothing, then the answer is an empty object", async () => {
    const answer = await rest("nothing-here");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({});
  });
});

describe("REST errors", () => {
  const invalid = (message: string) => ({ error: { code: 400, message: expect.stringContaining(message), status: "INVALID_ARGUMENT" } });
  const unimplemented = (message: string) => ({ error: { code: 501, message: expect.stringContaining(message), status: "UNIMPLEMENTED" } });

  it("when a query parameter is malformed or unknown, then 400 INVALID_ARGUMENT names it and what is allowed", async () => {
    expect(await rest("walk", { pageSize: "three" })).toMatchObject({ status: 400, body: invalid("a whole number from 0 to 2147483647 is allowed") });
    expect(await rest("walk", { showMissing: "yes" })).toMatchObject({ status: 400, body: invalid("true or false is allowed") });
    expect(await rest("values/all", { readTime: "yesterday" })).toMatchObject({ status: 400, body: invalid("RFC 3339") });
    expect(await rest("values/all", { pageSize: "3" })).toMatchObject({
      status: 400,
      body: invalid('Unknown query parameter "pageSize"; allowed: mask.fieldPaths, transaction, readTime'),
    });
    expect(await rest("values/all", { "mask.fieldPaths": "a..b" })).toMatchObject({ status: 400, body: invalid("Invalid field path: a..b") });
  });

  it("when a get names a transaction that does not exist, or both a transaction and a readTime, then 400 says what is wrong", async () => {
    expect(await rest("values/all", { transaction: "bm8tc3VjaC10eG4_" })).toMatchObject({
      status: 400,
      body: invalid("transaction has expired or is no longer valid"),
    });
    expect(await rest("values/all", { transaction: "dHhu", readTime: "2026-01-01T00:00:00Z" })).toMatchObject({
      status: 400,
      body: invalid("Give either transaction or readTime, not both."),
    });
  });

  it("when readTime lies in the future, then the service's INVALID_ARGUMENT arrives as 400", async () => {
    const answer = await rest("values/all", { readTime: "2999-01-01T00:00:00Z" });
    expect(answer).toMatchObject({ status: 400, body: invalid("is in the future") });
  });

  it("when a listing asks for what this server does not do, then 501 UNIMPLEMENTED says so", async () => {
    expect(await rest("walk", { orderBy: "id" })).toMatchObject({ status: 501, body: unimplemented('ListDocuments order "id"') });
    expect(await rest("walk", { transaction: "dHhu" })).toMatchObject({ status: 501, body: unimplemented("ListDocuments inside a transaction") });
    expect(await rest("values/all", { fields: "name" })).toMatchObject({ status: 501, body: unimplemented("the fields parameter") });
  });

  it("when a write method or an unknown route is asked for, then 501 or 404 comes back as Google's error JSON", async () => {
    expect(await rest("values/all", {}, "PATCH")).toMatchObject({ status: 501, body: unimplemented("PATCH") });
    expect(await rest("values/all", {}, "DELETE")).toMatchObject({ status: 501, body: unimplemented("write through gRPC") });
    const unknown = await fetch(`http://${host}/v1/projects/${projectId}/somethingElse`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 404, message: expect.stringContaining("No REST route GET"), status: "NOT_FOUND" } });
    const badEncoding = await fetch(`http://${host}/v1/${documents}/values/%E4%zz`);
    expect(badEncoding.status).toBe(400);
    expect(await badEncoding.json()).toEqual(invalid("Invalid percent-encoding"));
  });

  it("when REST reads were served, then gRPC on the same port still reads and writes", async () => {
    await rest("values/all");
    await db.doc("values/after-rest").set({ v: "grpc" });
    expect((await db.doc("values/after-rest").get()).get("v")).toBe("grpc");
    expect((await rest("values/after-rest")).body.fields).toEqual({ v: { stringValue: "grpc" } });
  });
});
