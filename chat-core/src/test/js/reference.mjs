// Reference peer for JsWakuReferenceTest, RlnKeystoreTest and SdsInteropTest: reads one JSON
// request per line on stdin and answers one JSON line on stdout, {"ok": ...} or {"error": "..."},
// using js-waku's own packages. Byte arrays travel as lowercase hex, 64-bit numbers as decimal strings.
import { createInterface } from "node:readline";
import { register } from "node:module";
import { messageHash } from "@waku/message-hash";
import { contentTopicToShardIndex } from "@waku/utils";
import { bytesToHex, hexToBytes } from "@waku/utils/bytes";
// @waku/proto comes with @waku/utils (through @waku/interfaces); it is js-waku's protobuf codec.
import { WakuMessage } from "@waku/proto";
// @waku/sds brings its own @waku/proto (0.0.15, with uint64 lamport_timestamp) for SdsMessage.
import { ContentMessage, SyncMessage, Message as SdsMessage } from "@waku/sds";

const optionalBytes = (hex) => (hex == null ? undefined : hexToBytes(hex));
const optionalBigInt = (text) => (text == null ? undefined : BigInt(text));
const hexOrNull = (bytes) => (bytes == null ? null : bytesToHex(bytes));

// SDS history entries as JSON: {messageId, retrievalHint?, senderId?}.
const toHistory = (entries) => (entries ?? []).map((e) => ({
  messageId: e.messageId,
  retrievalHint: optionalBytes(e.retrievalHint),
  senderId: e.senderId ?? undefined
}));
const fromHistory = (entries) => entries.map((e) => ({
  messageId: e.messageId,
  retrievalHint: hexOrNull(e.retrievalHint),
  senderId: e.senderId ?? null
}));

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
  // An SDS message as @waku/sds builds and encodes it: a ContentMessage, or a SyncMessage when
  // r.content is absent.
  sdsEncode: (r) => {
    const Kind = r.content == null ? SyncMessage : ContentMessage;
    return bytesToHex(new Kind(r.messageId, r.channelId ?? "", r.senderId ?? "", toHistory(r.causalHistory),
      BigInt(r.lamportTimestamp), optionalBytes(r.bloomFilter), optionalBytes(r.content),
      toHistory(r.repairRequest)).encode());
  },
  // @waku/sds's own decoding (Message.decode), with the kind of message it took it for.
  sdsDecode: (r) => {
    const m = SdsMessage.decode(hexToBytes(r.bytes));
    if (m === undefined) {
      throw new Error("@waku/sds does not take it for an SDS message");
    }
    return {
      kind: m.constructor.name,
      senderId: m.senderId,
      messageId: m.messageId,
      channelId: m.channelId,
      lamportTimestamp: m.lamportTimestamp == null ? null : m.lamportTimestamp.toString(),
      causalHistory: fromHistory(m.causalHistory),
      bloomFilter: hexOrNull(m.bloomFilter),
      repairRequest: fromHistory(m.repairRequest),
      content: hexOrNull(m.content)
    };
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
