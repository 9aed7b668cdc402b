package dev.converge.workflows.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encryption at rest of what converge writes outside history (rendered bundles in the store and on
 * the worker's disk), with the payload codec's keys. A sealed blob starts with {@link #MAGIC} and
 * names its key id; a blob without it was written before encryption was on and reads as it is.
 */
public interface Sealer {
  byte[] MAGIC = "CVGSEAL1".getBytes(StandardCharsets.US_ASCII);

  /** No keys configured: blobs are written plain; a sealed one cannot be read. */
  Sealer NONE =
      new Sealer() {
        @Override
        public byte[] seal(byte[] plain) {
          return plain;
        }

        @Override
        public byte[] open(byte[] stored) {
          if (isSealed(stored)) {
            throw new IllegalStateException(
                "blob sealed with key id '"
                    + keyIdOf(stored)
                    + "', but no codec key is configured here"
                    + " (converge.codec.keys)");
          }
          return stored;
        }
      };

  byte[] seal(byte[] plain);

  /** The plaintext of a sealed blob, or the blob itself when it was written unsealed. */
  byte[] open(byte[] stored);

  static boolean isSealed(byte[] stored) {
    return stored.length > MAGIC.length + 1
        && Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /** The key id a sealed blob names (not secret: it says which key to use). */
  static String keyIdOf(byte[] sealed) {
    int length = sealed[MAGIC.length] & 0xff;
    if (sealed.length < MAGIC.length + 1 + length) {
      throw new IllegalStateException("sealed blob too short");
    }
    return new String(sealed, MAGIC.length + 1, length, StandardCharsets.UTF_8);
  }
}
