import type { Firestore, Transaction } from "@google-cloud/firestore";
import type { Lang, Text } from "@planops/shared";
import type { SendMail } from "../platform/context.js";

export const OUTBOX = "outbox";
const LEASE_MS = 60_000;
/** Finished messages are kept this long, then removed by Firestore's TTL policy on `expireAt`. */
const KEEP_MS = 30 * 86_400_000;

export interface Message {
  /** Deterministic per event and recipient, so a retried request can never enqueue twice. */
  id: string;
  to: string;
  lang: Lang;
  subject: Text;
  body: Text;
}

export interface OutboxDoc {
  to: string;
  lang: Lang;
  subject: Text;
  body: Text;
  state: "pending" | "claimed" | "sent" | "failed";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  /** When a pending message may next be tried; when a claimed one's lease ends. */
  notBefore: string;
  sentAt: string | null;
  expireAt: Date;
}

const safeId = (id: string) => id.replace(/\//g, "∕").slice(0, 1400);

/** Enqueues inside the caller's transaction: the message exists if and only if the state change committed. */
export function enqueue(tx: Transaction, db: Firestore, messages: readonly Message[], now: Date): string[] {
  return messages.map((m) => {
    const id = safeId(m.id);
    const doc: OutboxDoc = {
      to: m.to,
      lang: m.lang,
      subject: m.subject,
      body: m.body,
      state: "pending",
      attempts: 0,
      lastError: null,
      createdAt: now.toISOString(),
      notBefore: now.toISOString(),
      sentAt: null,
      expireAt: new Date(now.getTime() + KEEP_MS),
    };
    tx.create(db.collection(OUTBOX).doc(id), doc);
    return id;
  });
}

const other = (lang: Lang): Lang => (lang === "zh" ? "en" : "zh");

/** The recipient's language first, the other below, so a forwarded mail still reads. */
export function renderMail(doc: Pick<OutboxDoc, "lang" | "subject" | "body">): { subject: string; text: string } {
  return {
    subject: doc.subject[doc.lang],
    text: `${doc.body[doc.lang]}\n\n————\n${doc.body[other(doc.lang)]}`,
  };
}

/**
 * Claims a message for delivery with a lease; undefined if it is finished or someone
 * else holds a live lease. A message whose every attempt ended in a lost lease (the
 * dispatcher died mid-delivery) is marked failed here rather than tried forever.
 */
async function claim(db: Firestore, id: string, now: Date, maxAttempts: number): Promise<OutboxDoc | undefined> {
  const ref = db.collection(OUTBOX).doc(id);
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const doc = snap.data() as OutboxDoc | undefined;
    if (!doc || doc.state === "sent" || doc.state === "failed" || doc.notBefore > now.toISOString()) return undefined;
    if (doc.attempts >= maxAttempts) {
      tx.update(ref, {
        state: "failed",
        lastError: doc.lastError ?? `no outcome recorded after ${doc.attempts} attempt(s); the dispatcher stopped mid-delivery`,
      });
      return undefined;
    }
    const claimed: Partial<OutboxDoc> = {
      state: "claimed",
      attempts: doc.attempts + 1,
      notBefore: new Date(now.getTime() + LEASE_MS).toISOString(),
    };
    tx.update(ref, claimed);
    return { ...doc, ...claimed };
  });
}

/**
 * Delivers the given messages, or every due one: claim in a transaction, send outside
 * it, then record the outcome. A crash after claiming leaves the message claimed until
 * its lease ends, when the next run takes it again: at-least-once, never lost.
 */
export async function deliverOutbox(
  db: Firestore,
  send: SendMail,
  opts: { now: () => Date; maxAttempts: number; ids?: readonly string[] },
): Promise<{ sent: number; failed: number }> {
  const ids =
    opts.ids ??
    (
      await db
        .collection(OUTBOX)
        .where("state", "in", ["pending", "claimed"])
        .where("notBefore", "<=", opts.now().toISOString())
        .orderBy("notBefore")
        .limit(100)
        .get()
    ).docs.map((d) => d.id);
  let sent = 0;
  let failed = 0;
  for (const id of ids) {
    const doc = await claim(db, id, opts.now(), opts.maxAttempts);
    if (!doc) continue;
    const ref = db.collection(OUTBOX).doc(id);
    try {
      await send({ to: doc.to, ...renderMail(doc) });
      await ref.update({ state: "sent", sentAt: opts.now().toISOString(), lastError: null });
      sent++;
    } catch (err) {
      const lastError = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      const final = doc.attempts >= opts.maxAttempts;
      const backoffMs = Math.min(3_600_000, 30_000 * 2 ** (doc.attempts - 1));
      await ref.update({
        state: final ? "failed" : "pending",
        lastError,
        notBefore: new Date(opts.now().getTime() + backoffMs).toISOString(),
      });
      failed++;
    }
  }
  return { sent, failed };
}
