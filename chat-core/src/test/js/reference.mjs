// Reference peer for JsWakuReferenceTest: reads one JSON request per line on stdin and answers
// one JSON line on stdout, {"ok": ...} or {"error": "..."}, using js-waku's own packages.
// Byte arrays travel as lowercase hex, 64-bit timestamps as decimal strings.
import { createInterface } from "node:readline";
import { messageHash } from "@waku/message-hash";
import { contentTopicToShardIndex } from "@waku/utils";
import { bytesToHex, hexToBytes } from "@waku/utils/bytes";
// @waku/proto comes with @waku/utils (through @waku/interfaces); it is js-waku's protobuf codec.
import { WakuMessage } from "@waku/proto";

const optionalBytes = (hex) => (hex == null ? undefined : hexToBytes(hex));
const optionalBigInt = (text) => (text == null ? undefined : BigInt(text));

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

function answer(line) {
  try {
    const request = JSON.parse(line);
    const handler = handlers[request.op];
    if (!handler) {
      return { error: `unknown op ${request.op}` };
    }
    return { ok: handler(request) };
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() !== "") {
    process.stdout.write(JSON.stringify(answer(line)) + "\n");
  }
}
