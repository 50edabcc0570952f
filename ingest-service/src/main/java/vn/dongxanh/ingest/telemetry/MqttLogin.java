package vn.dongxanh.ingest.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * The service's login on the broker, shared by the telemetry intake and the command link: user
 * name and password when configured, and for an {@code ssl://} broker with {@code tls-ca} a
 * socket factory trusting exactly that CA (the broker's host name is still checked).
 */
public final class MqttLogin {
    private MqttLogin() {}

    public static MqttConnectionOptions apply(MqttProperties props, MqttConnectionOptions o) {
        if (props.username() != null && !props.username().isBlank()) {
            o.setUserName(props.username());
            if (props.password() != null) o.setPassword(props.password().getBytes(StandardCharsets.UTF_8));
        }
        if (props.tlsCa() != null && !props.tlsCa().isBlank() && props.url().startsWith("ssl://")) {
            o.setSocketFactory(trusting(Path.of(props.tlsCa())).getSocketFactory());
        }
        return o;
    }

    private static SSLContext trusting(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            var trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, (X509Certificate) cert);
            }
            if (i == 0) throw new IllegalStateException("dx.ingest.mqtt.tls-ca " + caPem + " holds no certificate");
            var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            var ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "dx.ingest.mqtt.tls-ca: cannot load CA certificates from " + caPem + ": " + e.getMessage(), e);
        }
    }
}
