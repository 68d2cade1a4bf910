import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildIfChanged, type Step } from "../../../scripts/build-if-changed.mjs";
import { describeListenError, stackPorts } from "../../local/ports.js";
import { startLocalServices } from "../../local/services.js";
import { client, freePorts, PORT_VARIABLES, stop, useLocalStacks } from "../support/local-stack-process.js";
import { planTable, task } from "../support/plan-sheet.js";

const { newDataDir, spawnStack, start, occupy, occupyWhenFree } = useLocalStacks();

describe("npm start: the embedded local stack", () => {
  it("when started on an empty data folder, then it seeds the demo roster, prints a true guide and serves every function, /openapi.json and the inbox as JSON", async () => {
    const s = await start(newDataDir());
    const { api, inbox, token } = client(s);
    const guide = s.output();
    expect(guide).toContain("Try / 试一试");
    expect(guide).toContain(`FIRESTORE_EMULATOR_HOST=127.0.0.1:${s.ports.LOCAL_FIRESTORE_PORT}   project planops-local`);
    expect(guide).toContain(`http://127.0.0.1:${s.ports.LOCAL_MAIL_WEB_PORT}/messages.json`);
    expect(guide).toContain(`smtp://127.0.0.1:${s.ports.LOCAL_SMTP_PORT}`);
    expect(guide).toContain(`http://127.0.0.1:${s.ports.LOCAL_IDENTITY_PORT}/token?email=`);
    for (const variable of PORT_VARIABLES) expect(guide).toContain(`(${variable}`);
    const openapi = (await (await fetch(`http://127.0.0.1:${s.ports.PORT}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain("/submit");
    const roster = await api("roster", "liming@demo.planops.cn");
    expect(roster.status).toBe(200);
    // Unparsable JSON is refused with a 400 that shows no internals.
    const garbled = await fetch(`http://127.0.0.1:${s.ports.PORT}/submit`, {
      method: "POST",
      headers: { authorization: `Bearer ${await token("liming@demo.planops.cn")}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(garbled.status).toBe(400);
    expect(await garbled.text()).not.toMatch(/node_modules|at [A-Za-z]+ \(/);
    expect(await inbox()).toEqual([]);
    const submitted = await api("submit", "liming@demo.planops.cn", planTable([task()]));
    expect(submitted.status).toBe(200);
    // Delivery happens before the answer (after commit), so the manager's notification is already in the inbox.
    expect((await inbox()).some((m) => m.to.includes("zhangwei@demo.planops.cn") && m.subject.includes("待审批"))).toBe(true);
    expect(await stop(s)).toBe(0);
  });

  it("when stopped and started again on the same data folder, then the pending plan still awaits the manager and the inbox keeps its mail", async () => {
    const dataDir = newDataDir();
    const first = await start(dataDir);
    expect((await client(first).api("submit", "liming@demo.planops.cn", planTable([task()]))).status).toBe(200);
    const sent = await client(first).inbox();
    expect(sent.length).toBeGreaterThan(0);
    expect(await stop(first)).toBe(0);

    const again = await start(dataDir);
    expect(again.output()).toContain("kept from last run");
    const pending = await client(again).api("pendingApprovals", "zhangwei@demo.planops.cn");
    expect(pending.status).toBe(200);
    expect((pending.json.items as { period: string }[]).map((i) => i.period)).toEqual(["2026-12"]);
    expect(await client(again).inbox()).toEqual(sent);
  });

  it("when the stack is killed with SIGKILL right after and during acknowledged writes, then after a restart every acknowledged write is there and no mail names a plan that is not", async () => {
    const dataDir = newDataDir();
    const clerk = "liming@demo.planops.cn";
    const manager = "zhangwei@demo.planops.cn";
    const month = (m: number) => `2027-${String(m).padStart(2, "0")}`;
    const plan = (m: number) => planTable([task({ content: `任务 ${m}`, due: `${month(m)}-10` })], { period: month(m) });

    // Right after an acknowledged approval: kill -9 the moment the answer arrives.
    const first = await start(dataDir);
    const submitted = await client(first).api("submit", clerk, plan(1));
    expect(submitted.status).toBe(200);
    const planId = submitted.json.documentId as string;
    const approved = await client(first).api("decide", manager, { planId, revision: 1, decision: "approve" });
    first.proc.kill("SIGKILL");
    expect(approved.status).toBe(200);
    await first.exited;
    // The functions' own process ended with it: its port can be taken again.
    await occupyWhenFree(first.ports.PORT);

    // During writes: twelve submissions in flight, killed once three are acknowledged.
    const second = await start(dataDir);
    expect((await client(second).api(`getPlan?planId=${encodeURIComponent(planId)}`, manager)).json.status).toBe("approved");
    const acknowledged: string[] = [];
    const token = await client(second).token(clerk);
    const inFlight = Array.from({ length: 11 }, (_, i) => i + 2).map(async (m) => {
      const res = await fetch(`http://127.0.0.1:${second.ports.PORT}/submit`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(plan(m)),
      }).catch(() => undefined);
      if (res?.status === 200) {
        acknowledged.push(((await res.json()) as { documentId: string }).documentId);
        if (acknowledged.length === 3) second.proc.kill("SIGKILL");
      }
    });
    await Promise.all(inFlight);
    await second.exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(3);

    // After the restart: every acknowledged plan is stored; every notification in the inbox is about a stored plan.
    const third = await start(dataDir);
    for (const id of [planId, ...acknowledged]) {
      expect((await client(third).api(`getPlan?planId=${encodeURIComponent(id)}`, manager)).status, id).toBe(200);
    }
    for (const mail of await client(third).inbox()) {
      const period = /计划运营部 (\d{4}-\d{2}) 月度计划/.exec(mail.subject)?.[1];
      if (!period) continue;
      expect((await client(third).api(`getPlan?planId=${encodeURIComponent(`monthly_${period}_计划运营部`)}`, manager)).status, mail.subject).toBe(200);
    }
  });

  it.each([
    ["PORT", "the functions"],
    ["LOCAL_FIRESTORE_PORT", "the local Firestore"],
    ["LOCAL_IDENTITY_PORT", "the local sign-in"],
    ["LOCAL_SMTP_PORT", "the mail receiver's SMTP"],
    ["LOCAL_MAIL_WEB_PORT", "the notification inbox"],
  ] as const)("when %s's port is in use, then it prints one plain line naming %s and the variable, and exits 1", async (variable, what) => {
    const ports = await freePorts();
    await occupy(ports[variable]);
    const s = spawnStack(newDataDir(), ports);
    expect(await s.exited).toBe(1);
    expect(s.output()).toBe(`Port ${ports[variable]} is in use (${what}). Set ${variable} to another port, or stop what uses it.\n`);
  });

  it("when a port is taken after the check (a race), then the services refuse with an error that reads as the same line, and leave no port open", async () => {
    const ports = await freePorts();
    await occupy(ports.LOCAL_MAIL_WEB_PORT);
    const parsed = stackPorts(Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])));
    if ("problem" in parsed) throw new Error(parsed.problem);
    const keyDir = newDataDir();
    const err = await startLocalServices({
      dataDir: null,
      keyDir,
      firestorePort: ports.LOCAL_FIRESTORE_PORT,
      smtpPort: ports.LOCAL_SMTP_PORT,
      webPort: ports.LOCAL_MAIL_WEB_PORT,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(describeListenError(parsed, err)).toBe(
      `Port ${ports.LOCAL_MAIL_WEB_PORT} is in use (the notification inbox). Set LOCAL_MAIL_WEB_PORT to another port, or stop what uses it.`,
    );
    // The Firestore and the SMTP side that did start were stopped again: their ports can be taken.
    await occupy(ports.LOCAL_FIRESTORE_PORT);
    await occupy(ports.LOCAL_SMTP_PORT);
  });
});

describe("npm start's build (scripts/build-if-changed.mjs): only what changed", () => {
  // Two steps like the real ones: "copy" joins src/*.txt into out/all.txt (and fails while src/fail exists); "count" reads it.
  const COPY = `const fs = require("fs"); if (fs.existsSync("src/fail")) process.exit(3); fs.mkdirSync("out", { recursive: true });
    fs.writeFileSync("out/all.txt", fs.readdirSync("src").sort().map((f) => fs.readFileSync("src/" + f, "utf8")).join(""));`;
  const COUNT = `const fs = require("fs"); fs.mkdirSync("count", { recursive: true });
    fs.writeFileSync("count/n.txt", String(fs.readFileSync("out/all.txt", "utf8").length));`;
  const steps: Step[] = [
    { name: "copy", command: ["-e", COPY], inputs: ["src"], outputs: ["out"] },
    { name: "count", command: ["-e", COUNT], inputs: ["count.cfg"], outputs: ["count"], after: ["copy"] },
  ];

  it("when nothing changed, then nothing runs; an edited, added or failing input, or an output deleted or rewritten by someone else, runs again what it affects", async () => {
    const root = newDataDir();
    mkdirSync(join(root, "src"));
    writeFileSync(join(root, "src/a.txt"), "aaa");
    const build = async () => {
      const { ok, results } = await buildIfChanged({ root, steps, cacheDir: join(root, ".cache"), commonInputs: [], log: () => {} });
      return { ok, built: results.filter((r) => r.built).map((r) => r.step) };
    };
    const count = () => readFileSync(join(root, "count/n.txt"), "utf8");

    expect(await build()).toEqual({ ok: true, built: ["copy", "count"] }); // a fresh clone: everything
    expect(await build()).toEqual({ ok: true, built: [] });
    writeFileSync(join(root, "src/a.txt"), "aaaaa");
    expect(await build()).toEqual({ ok: true, built: ["copy", "count"] });
    expect(count()).toBe("5");
    writeFileSync(join(root, "src/b.txt"), "bb");
    expect(await build()).toEqual({ ok: true, built: ["copy", "count"] });
    expect(count()).toBe("7");
    rmSync(join(root, "src/b.txt"));
    expect(await build()).toEqual({ ok: true, built: ["copy", "count"] });
    expect(count()).toBe("5");

    rmSync(join(root, "count"), { recursive: true });
    expect(await build()).toEqual({ ok: true, built: ["count"] });
    writeFileSync(join(root, "out/all.txt"), "aaaaa"); // same bytes, written by another build
    expect(await build()).toEqual({ ok: true, built: ["copy"] });
    expect(await build()).toEqual({ ok: true, built: [] });

    writeFileSync(join(root, "src/fail"), "");
    writeFileSync(join(root, "src/a.txt"), "aaaaaaa");
    expect(await build()).toEqual({ ok: false, built: ["copy"] }); // "count" waits for it and does not run
    expect(await build()).toEqual({ ok: false, built: ["copy"] }); // a failure is not remembered as built
    rmSync(join(root, "src/fail"));
    expect(await build()).toEqual({ ok: true, built: ["copy", "count"] });
    expect(count()).toBe("7");
    expect(await build()).toEqual({ ok: true, built: [] });
  });
});
