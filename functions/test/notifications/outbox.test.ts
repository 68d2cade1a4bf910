import { describe, expect, it } from "vitest";
import { DOCUMENT_KINDS } from "@planops/shared";
import { createFunctions } from "../../src/app.js";
import { parseConfig } from "../../src/platform/config.js";
import { smtpSender } from "../../src/notifications/mailer.js";
import { deliverOutbox, enqueue, OUTBOX, type OutboxDoc } from "../../src/notifications/outbox.js";
import { useStack } from "../support/stack.js";
import { serveFunction } from "../support/serve.js";

const stack = useStack({ seed: false });

let n = 0;
async function enqueued(count: number, now = new Date()): Promise<string[]> {
  const batch = ++n;
  return stack.db.runTransaction(async (tx) =>
    enqueue(
      tx,
      stack.db,
      Array.from({ length: count }, (_, i) => ({
        id: `test:${batch}:${i}`,
        to: `person${i}@demo.planops.cn`,
        lang: i % 2 ? ("en" as const) : ("zh" as const),
        subject: { zh: `通知 ${batch}-${i}`, en: `Notice ${batch}-${i}` },
        body: { zh: "正文", en: "Body" },
      })),
      now,
    ),
  );
}
const doc = async (id: string) => (await stack.db.collection(OUTBOX).doc(id).get()).data() as OutboxDoc;
const send = () => smtpSender(stack.env.SMTP_URL, "planops@localhost");
/** An SMTP address where nothing listens: delivery fails the way a down relay does. */
const down = smtpSender("smtp://127.0.0.1:9", "planops@localhost");

describe("the notification outbox", () => {
  it("when messages are delivered, then each arrives once in the recipient's language and is marked sent", async () => {
    const ids = await enqueued(2);
    const before = stack.mail.messages().length;
    const r = await deliverOutbox(stack.db, send(), { now: () => new Date(), maxAttempts: 3, ids });
    expect(r).toEqual({ sent: 2, failed: 0 });
    const mails = (await stack.mail.waitFor(before + 2)).slice(before);
    expect(mails.map((m) => m.subject).sort()).toEqual([`Notice ${n}-1`, `通知 ${n}-0`]);
    expect(mails.find((m) => m.subject.startsWith("通知"))?.text).toContain("Body"); // the other language below
    expect((await doc(ids[0]!)).state).toBe("sent");
    const again = await deliverOutbox(stack.db, send(), { now: () => new Date(), maxAttempts: 3, ids });
    expect(again).toEqual({ sent: 0, failed: 0 });
  });

  it("when delivery fails, then the attempt and error are kept, it is retried later, and it fails for good after the last attempt", async () => {
    let now = new Date("2026-12-01T00:00:00Z");
    const [id] = await enqueued(1, now);
    const clock = () => now;
    await deliverOutbox(stack.db, down, { now: clock, maxAttempts: 2, ids: [id!] });
    const first = await doc(id!);
    expect(first).toMatchObject({ state: "pending", attempts: 1 });
    expect(first.lastError).toMatch(/ECONNREFUSED|connect/i);
    // not due yet: the backoff holds it
    expect(await deliverOutbox(stack.db, down, { now: clock, maxAttempts: 2, ids: [id!] })).toEqual({ sent: 0, failed: 0 });
    now = new Date(now.getTime() + 3_600_000);
    await deliverOutbox(stack.db, down, { now: clock, maxAttempts: 2, ids: [id!] });
    expect(await doc(id!)).toMatchObject({ state: "failed", attempts: 2 });
    now = new Date(now.getTime() + 86_400_000);
    expect(await deliverOutbox(stack.db, send(), { now: clock, maxAttempts: 2, ids: [id!] })).toEqual({ sent: 0, failed: 0 });
  });

  it("when a dispatcher crashed after claiming, then the message is taken again once its lease ends, not before", async () => {
    const start = new Date("2026-12-02T00:00:00Z");
    const [id] = await enqueued(1, start);
    // a crash: claimed, never finished
    await stack.db
      .collection(OUTBOX)
      .doc(id!)
      .update({ state: "claimed", attempts: 1, notBefore: new Date(start.getTime() + 60_000).toISOString() });
    expect(await deliverOutbox(stack.db, send(), { now: () => new Date(start.getTime() + 10_000), maxAttempts: 5 })).toMatchObject({ sent: 0 });
    const r = await deliverOutbox(stack.db, send(), { now: () => new Date(start.getTime() + 61_000), maxAttempts: 5 });
    expect(r.sent).toBeGreaterThanOrEqual(1);
    expect(await doc(id!)).toMatchObject({ state: "sent", attempts: 2 });
  });

  it("when every attempt ended with the dispatcher dying mid-delivery, then the message is marked failed instead of tried forever", async () => {
    const start = new Date("2026-12-03T00:00:00Z");
    const [id] = await enqueued(1, start);
    await stack.db.collection(OUTBOX).doc(id!).update({ state: "claimed", attempts: 3, notBefore: start.toISOString() });
    await deliverOutbox(stack.db, send(), { now: () => new Date(start.getTime() + 1000), maxAttempts: 3, ids: [id!] });
    const d = await doc(id!);
    expect(d).toMatchObject({ state: "failed", attempts: 3 });
    expect(d.lastError).toMatch(/stopped mid-delivery/);
  });

  it("when two dispatchers run at once, then every message is sent exactly once", async () => {
    const ids = await enqueued(6);
    const before = stack.mail.messages().length;
    const [a, b] = await Promise.all([
      deliverOutbox(stack.db, send(), { now: () => new Date(), maxAttempts: 3, ids }),
      deliverOutbox(stack.db, send(), { now: () => new Date(), maxAttempts: 3, ids }),
    ]);
    expect(a.sent + b.sent).toBe(6);
    // each message was claimed, hence handed to SMTP, exactly once
    for (const id of ids) expect(await doc(id)).toMatchObject({ state: "sent", attempts: 1 });
    await stack.mail.waitFor(before + 6);
    expect(stack.mail.messages().length - before).toBe(6);
  });

  it("when the same event is enqueued twice, then the second transaction fails instead of notifying twice", async () => {
    const msg = { id: "dup:event", to: "a@demo.planops.cn", lang: "zh" as const, subject: { zh: "x", en: "x" }, body: { zh: "x", en: "x" } };
    await stack.db.runTransaction(async (tx) => enqueue(tx, stack.db, [msg], new Date()));
    await expect(stack.db.runTransaction(async (tx) => enqueue(tx, stack.db, [msg], new Date()))).rejects.toThrow(/ALREADY_EXISTS|exists/i);
  });

  it("when the scheduler calls dispatchOutbox, then messages the request path left pending are delivered; the public api does not route it", async () => {
    const ids = await enqueued(2);
    const config = parseConfig(stack.env);
    const served = await serveFunction(
      "dispatchOutbox_test",
      createFunctions(config, { db: stack.db, config, now: () => new Date(), send: send(), kinds: DOCUMENT_KINDS }).dispatchOutbox,
    );
    try {
      const before = stack.mail.messages().length;
      const res = await fetch(`${served.baseUrl}/`, { method: "POST" });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { sent: number }).sent).toBeGreaterThanOrEqual(2);
      await stack.mail.waitFor(before + 2);
      for (const id of ids) expect((await doc(id)).state).toBe("sent");
    } finally {
      await served.close();
    }
    expect((await fetch(`${stack.baseUrl}/dispatchOutbox`, { method: "POST" })).status).toBe(404);
  });
});
