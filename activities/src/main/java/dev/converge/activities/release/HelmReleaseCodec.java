package dev.converge.activities.release;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Helm v3's storage encoding of a release: {@code base64(gzip(json))}, the text Helm puts under the
 * Secret's {@code data.release}. That text is then base64-encoded once more by the Secret API
 * itself, which {@link SecretReleaseStore} handles; this class never sees the outer layer.
 */
public final class HelmReleaseCodec {
  /** Kubernetes' limit on the summed size of a Secret's data keys and values. */
  public static final int SECRET_DATA_LIMIT = 1024 * 1024;

  /**
   * The most a release record may unpack to. The API server caps the Secret near 1 MiB, but gzip
   * turns that into gigabytes: a record written by anyone with access to the namespace must not
   * exhaust the worker's memory. Helm's own records of the largest public charts unpack to a few
   * MB.
   */
  public static final int RECORD_LIMIT = 64 << 20;

  public static final String DATA_KEY = "release";

  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b, 0x08};
  private static final ObjectMapper JSON =
      new ObjectMapper(new JsonFactory().setCharacterEscapes(new GoEscapes()))
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private HelmReleaseCodec() {}

  public static byte[] toJson(HelmRelease release) {
    try {
      return JSON.writeValueAsBytes(release);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write release " + release.name(), e);
    }
  }

  public static HelmRelease fromJson(byte[] json) {
    try {
      return JSON.readValue(json, HelmRelease.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a Helm release record: " + e.getMessage(), e);
    }
  }

  /** {@code base64(gzip(json))}, gzip at best compression as Helm writes it. */
  public static String encode(HelmRelease release) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (OutputStream gzip = new BestGzip(buffer)) {
      gzip.write(toJson(release));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(buffer.toByteArray());
  }

  /** Reverses {@link #encode}; like Helm, accepts uncompressed JSON from before Helm gzipped. */
  public static HelmRelease decode(String encoded) {
    byte[] bytes = Base64.getDecoder().decode(encoded.strip());
    if (!startsWithGzipMagic(bytes)) {
      return fromJson(bytes);
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      byte[] json = in.readNBytes(RECORD_LIMIT + 1);
      if (json.length > RECORD_LIMIT) {
        throw new IllegalStateException(
            "release record unpacks to more than converge's limit of "
                + RECORD_LIMIT
                + " bytes ("
                + (RECORD_LIMIT >> 20)
                + " MiB)");
      }
      return fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException("release record is not valid gzip", e);
    }
  }

  /**
   * Fails, without retry, when the Secret holding {@code encoded} would pass Kubernetes' 1 MiB
   * limit: the API server would refuse it on every attempt.
   */
  public static void checkSize(String secretName, String encoded) {
    long size = (long) DATA_KEY.length() + encoded.getBytes(StandardCharsets.US_ASCII).length;
    if (size > SECRET_DATA_LIMIT) {
      throw ApplicationFailure.newNonRetryableFailure(
          String.format(
              "release record %s is %d bytes encoded, over the Kubernetes Secret limit of %d bytes;"
                  + " make the chart's manifests, hooks or values smaller",
              secretName, size, SECRET_DATA_LIMIT),
          "ReleaseTooLarge");
    }
  }

  private static boolean startsWithGzipMagic(byte[] bytes) {
    return bytes.length >= 3
        && bytes[0] == GZIP_MAGIC[0]
        && bytes[1] == GZIP_MAGIC[1]
        && bytes[2] == GZIP_MAGIC[2];
  }

  private static final class BestGzip extends GZIPOutputStream {
    BestGzip(OutputStream out) throws IOException {
      super(out);
      def.setLevel(Deflater.BEST_COMPRESSION);
    }
  }

  /** Go's encoding/json escapes these HTML-sensitive characters; we do too, byte for byte. */
  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] asciiEscapes = standardAsciiEscapesForJSON();

    GoEscapes() {
      asciiEscapes['<'] = ESCAPE_CUSTOM;
      asciiEscapes['>'] = ESCAPE_CUSTOM;
      asciiEscapes['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return asciiEscapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
        return new SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }
  }
}
