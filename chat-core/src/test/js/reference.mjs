// Reference peer for JsWakuReferenceTest: reads one JSON request per line on stdin and answers
// one JSON line on stdout, {"ok": ...} or {"error": "..."}, using js-waku's own packages.
// Byte arrays travel as lowercase hex, 64-bit timestamps as decimal strings.
import { createInterface } from "node:readline";
import { register } from "node:module";
import { messageHash } from "@waku/message-hash";
import { contentTopicToShardIndex } from "@waku/utils";
import { bytesToHex, hexToBytes } from "@waku/utils/bytes";
// @waku/proto comes with @waku/utils (through @waku/interfaces); it is js-waku's protobuf codec.
import { WakuMessage } from "@waku/proto";

const optionalBytes = (hex) => (hex == null ? undefined : hexToBytes(hex));
const optionalBigInt = (text) => (text == null ? undefined : BigInt(text));

// @waku/rln's package entry loads its zero-knowledge prover (WebAssembly for browsers), which node
// cannot load; its keystore module alone works with the resolve hook. Loaded on first use only.
let rlnKeystoreModule;
async function rlnKeystore() {
  if (!rlnKeystoreModule) {
    register("./extensionless-imports.mjs", import.meta.url);
    rlnKeystoreModule = await import("./node_modules/@waku/rln/dist/keystore/index.js");
  }
  return rlnKeystoreModule;
}

// Runs fn with console.log silenced: @waku/rln logs identity bytes there, and stdout is our channel.
async function quietly(fn) {
  const log = console.log;
  console.log = () => {};
  try {
    return await fn();
  } finally {
    console.log = log;
  }
}

const handlers = {
  hash: (r) => bytesToHex(messageHash(r.pubsubTopic, {
    payload: hexToBytes(r.payload),
    contentTopic: r.contentTopic,
    meta: optionalBytes(r.meta),
    timestamp: optionalBigInt(r.timestamp),
    version: undefined,
    ephemeral: undefined,
    rateLimitProof: undefined
  })),
  shard: (r) => contentTopicToShardIndex(r.contentTopic, r.numShards),
  encode: (r) => bytesToHex(WakuMessage.encode({
    payload: hexToBytes(r.payload),
    contentTopic: r.contentTopic,
    version: r.version ?? undefined,
    timestamp: optionalBigInt(r.timestamp),
    meta: optionalBytes(r.meta),
    ephemeral: r.ephemeral ?? undefined
  })),
  // An RLN keystore as js-waku writes it (nwaku's format): each membership of r.memberships
  // ({chainId, address, treeIndex, rateLimit}) with made-up identity secrets, under r.password.
  rlnKeystore: async (r) => {
    const { Keystore } = await rlnKeystore();
    const keystore = Keystore.create();
    const secret = (seed, n) => new Uint8Array(32).map((_, i) => (seed * 31 + n * 7 + i) & 0xff);
    for (const [seed, membership] of r.memberships.entries()) {
      await quietly(() => keystore.addCredential({
        identity: {
          IDTrapdoor: secret(seed, 1),
          IDNullifier: secret(seed, 2),
          IDSecretHash: secret(seed, 3),
          IDCommitment: secret(seed, 4),
          IDCommitmentBigInt: 0n
        },
        membership
      }, r.password));
    }
    return keystore.toString();
  },
  decode: (r) => {
    const m = WakuMessage.decode(hexToBytes(r.bytes));
    return {
      payload: bytesToHex(m.payload),
      contentTopic: m.contentTopic,
      version: m.version ?? null,
      timestamp: m.timestamp == null ? null : m.timestamp.toString(),
      meta: m.meta == null ? null : bytesToHex(m.meta),
      ephemeral: m.ephemeral ?? null
    };
  }
};

async function answer(line) {
  try {
    const request = JSON.parse(line);
    const handler = handlers[request.op];
    if (!handler) {
      return { error: `unknown op ${request.op}` };
    }
    return { ok: await handler(request) };
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() !== "") {
    process.stdout.write(JSON.stringify(await answer(line)) + "\n");
  }
}
