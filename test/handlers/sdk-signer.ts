import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: Data) => (typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data));

/** The hash the SDK signer takes, on node:crypto. */
class NodeSha256 {
  readonly #digest: Hash | Hmac;
  constructor(secret?: Data) {
    this.#digest = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: Data) {
    this.#digest.update(bytes(data));
  }
  async digest() {
    return new Uint8Array(this.#digest.digest());
  }
}

/** The AWS SDK's own SigV4 signer (@smithy/signature-v4), to check the hand-written one against. */
export function sdkSigner(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, region: string, service: string) {
  return new SignatureV4({ credentials, region, service, sha256: NodeSha256 });
}
