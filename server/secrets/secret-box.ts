import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { loadMasterKey } from './master-key';

// AES-256-GCM, a fresh 96-bit IV per secret. The version prefix is authenticated too (as AAD),
// so a future v2 format can never be confused with v1.
const version = 'v1';
const aad = Buffer.from(`cellar-secret-${version}`);
const ivBytes = 12;
const tagBytes = 16;

/** Seals a secret for the catalog: `v1:<base64 iv>:<base64 tag>:<base64 ciphertext>`. */
export function encryptSecret(plain: string, key: Buffer = loadMasterKey()): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [
    version,
    iv.toString('base64'),
    cipher.getAuthTag().toString('base64'),
    ciphertext.toString('base64'),
  ].join(':');
}

/** Opens a sealed secret; throws when it is malformed, altered, or sealed with another key. */
export function decryptSecret(enc: string, key: Buffer = loadMasterKey()): string {
  const parts = enc.split(':');
  const [prefix, ivText, tagText, dataText] = parts;
  if (
    parts.length !== 4 ||
    prefix !== version ||
    ivText === undefined ||
    tagText === undefined ||
    dataText === undefined
  ) {
    throw new Error(
      `A stored secret is not in Cellar's format (expected ${version}:<iv>:<tag>:<ciphertext>); it was altered or written by something else.`,
    );
  }
  const iv = Buffer.from(ivText, 'base64');
  const tag = Buffer.from(tagText, 'base64');
  if (iv.length !== ivBytes || tag.length !== tagBytes) {
    throw new Error('A stored secret is damaged: its IV or authentication tag has the wrong length.');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(dataText, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new Error(
      'A stored secret could not be decrypted: it was sealed with a different master key, or it was altered. ' +
        'Make sure CELLAR_SECRET_KEY (or <CELLAR_HOME>/secret.key) is the key this catalog was created with.',
    );
  }
}
