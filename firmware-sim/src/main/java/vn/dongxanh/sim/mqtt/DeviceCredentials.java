package vn.dongxanh.sim.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * How simulated devices log in to a secured field broker: one password per device from a file
 * (Java properties, {@code device-id=password}; each device's user name is {@code dev-{device id}}),
 * and for an {@code ssl://} broker the CA certificate(s) to trust. {@link #NONE}: anonymous.
 */
public record DeviceCredentials(Map<String, String> passwords, Path tlsCa) {
    public static final DeviceCredentials NONE = new DeviceCredentials(Map.of(), null);
    public static final String USER_PREFIX = "dev-";

    public DeviceCredentials {
        passwords = Map.copyOf(passwords);
    }

    /** Reads the passwords file ({@code null}: none) and names the CA file ({@code null}: the JVM's trust). */
    public static DeviceCredentials load(Path passwordsFile, Path tlsCa) {
        var passwords = new TreeMap<String, String>();
        if (passwordsFile != null) {
            var p = new Properties();
            try {
                p.load(new StringReader(Files.readString(passwordsFile)));
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "cannot read device credentials " + passwordsFile + ": " + e.getMessage());
            }
            p.stringPropertyNames().forEach(k -> passwords.put(k, p.getProperty(k)));
        }
        if (tlsCa != null && !Files.isReadable(tlsCa)) {
            throw new IllegalArgumentException("TLS CA file " + tlsCa + " is not readable");
        }
        return new DeviceCredentials(passwords, tlsCa);
    }

    public boolean any() {
        return !passwords.isEmpty();
    }

    /** Adds the device's login (and TLS trust) to its connection options. */
    public void apply(String deviceId, String brokerUrl, MqttConnectionOptions options) {
        if (any()) {
            String password = passwords.get(deviceId);
            if (password == null) {
                throw new IllegalArgumentException("device " + deviceId + " has no password in the credentials file");
            }
            options.setUserName(USER_PREFIX + deviceId);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        if (tlsCa != null && brokerUrl.startsWith("ssl://")) options.setSocketFactory(socketFactory(tlsCa));
    }

    private static SSLSocketFactory socketFactory(Path ca) {
        try (InputStream in = Files.newInputStream(ca)) {
            var trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, (X509Certificate) cert);
            }
            var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            var ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the CA certificates of " + ca + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "DeviceCredentials[" + passwords.size() + " devices, tlsCa=" + tlsCa + "]";
    }
}
