package dev.converge.activities.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes client's TLS in BoringSSL (netty-tcnative) instead of the JDK. The workers run
 * C1-only JVMs, which have no intrinsics for BigInteger or GHASH: every full handshake's RSA
 * signature (a client certificate) and all AES-GCM record work ran as plain compiled Java, a fifth
 * of the worker's CPU per converge. The certificates and trust are the kubeconfig's, read by
 * fabric8 as before; only the engine changes. Where the native library does not load (not Linux
 * x86-64), or with {@code -Dconverge.kube.jdkTls=true}, the JDK's TLS stays.
 */
final class NativeTls {
  private static final Logger LOG = LoggerFactory.getLogger(NativeTls.class);
  static final String JDK_TLS = "converge.kube.jdkTls";

  private NativeTls() {}

  /** The HTTP client factory for a client of this config: native TLS when it can be had. */
  static HttpClient.Factory factory(Config config) {
    if (Boolean.getBoolean(JDK_TLS) || !OpenSSLEngineOptions.isAvailable()) {
      return new VertxHttpClientFactory();
    }
    if (!announced) {
      announced = true;
      LOG.info("TLS to the Kubernetes API in {}", io.netty.handler.ssl.OpenSsl.versionString());
    }
    return new Factory(config);
  }

  private static volatile boolean announced;

  static final class Factory extends VertxHttpClientFactory {
    private final Config config;
    private volatile boolean engineSet;

    /** Whether a client of this factory got the native engine (for tests). */
    boolean engineSet() {
      return engineSet;
    }

    Factory(Config config) {
      this.config = config;
    }

    @Override
    protected void additionalConfig(WebClientOptions options) {
      if (!options.isSsl()) {
        return;
      }
      try {
        KeyManager[] keys = SSLUtils.keyManagers(config);
        TrustManager[] trust = SSLUtils.trustManagers(config);
        options.setSslEngineOptions(new OpenSSLEngineOptions());
        if (keys != null && keys.length > 0 && keys[0] instanceof X509KeyManager key) {
          options.setKeyCertOptions(KeyCertOptions.wrap(key));
        }
        if (trust != null && trust.length > 0) {
          options.setTrustOptions(TrustOptions.wrap(trust[0]));
        }
        engineSet = true;
      } catch (Exception | LinkageError e) {
        // fabric8 has already set up the JDK's engine with the same material: keep that one
        LOG.warn("native TLS not used for {}: {}", config.getMasterUrl(), e.toString());
      }
    }
  }
}
