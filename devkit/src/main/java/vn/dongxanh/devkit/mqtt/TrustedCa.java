package vn.dongxanh.devkit.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** A TLS client socket factory that trusts exactly the CA certificates of one PEM file (for tests and tools). */
public final class TrustedCa {
    private TrustedCa() {}

    public static SSLSocketFactory socketFactory(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            var trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, (X509Certificate) cert);
            }
            if (i == 0) throw new IllegalArgumentException(caPem + " holds no certificate");
            var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            var ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the CA certificates of " + caPem + ": " + e.getMessage(), e);
        }
    }
}
