package vn.dongxanh.edge;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import vn.dongxanh.edge.config.BrokerAccess;
import vn.dongxanh.edge.config.ConfigException;

/**
 * Puts a link's {@link BrokerAccess} into Paho's connection options: user name and password
 * from the credentials file, and for {@code ssl://} a socket factory that trusts the given CA
 * (else the JVM's trust store) and presents the client certificate when one is configured. The
 * broker's host name is checked against its certificate (Paho's default). Sockets have Nagle off
 * on both plain and TLS links (see {@link NoDelaySockets}).
 */
public final class BrokerLogin {
    private BrokerLogin() {}

    public static MqttConnectionOptions apply(MqttConnectionOptions options, String brokerUrl, BrokerAccess access) {
        var credentials = access.credentials();
        if (credentials.username() != null && !credentials.username().isBlank()) {
            options.setUserName(credentials.username());
            if (credentials.password() != null) {
                options.setPassword(credentials.password().getBytes(StandardCharsets.UTF_8));
            }
        }
        if (brokerUrl.startsWith("ssl://")) {
            options.setSocketFactory(new NoDelayTls(tls(access, credentials.keystorePassword())));
        } else if (NoDelaySockets.applies(brokerUrl)) {
            options.setSocketFactory(new NoDelaySockets());
        }
        return options;
    }

    private static SSLSocketFactory tls(BrokerAccess access, String keystorePassword) {
        try {
            TrustManagerFactory tmf = null;
            if (access.tlsCa() != null) {
                var trust = KeyStore.getInstance(KeyStore.getDefaultType());
                trust.load(null, null);
                int i = 0;
                try (InputStream in = Files.newInputStream(access.tlsCa())) {
                    for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        trust.setCertificateEntry("ca-" + i++, (X509Certificate) cert);
                    }
                }
                if (i == 0)
                    throw new ConfigException("tls-ca", access.tlsCa() + " holds no certificate", "give a PEM CA");
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (access.clientKeystore() != null) {
                var keys = KeyStore.getInstance("PKCS12");
                char[] pw = keystorePassword.toCharArray();
                try (InputStream in = Files.newInputStream(access.clientKeystore())) {
                    keys.load(in, pw);
                }
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, pw);
            }
            var ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(
                    "tls", "could not be set up: " + e.getMessage(), "check the CA and keystore files and passwords");
        }
    }

    /** TLS sockets with Nagle off; Paho needs an {@link SSLSocketFactory} for ssl:// URLs. */
    static final class NoDelayTls extends SSLSocketFactory {
        private final SSLSocketFactory tls;

        NoDelayTls(SSLSocketFactory tls) {
            this.tls = tls;
        }

        private static Socket noDelay(Socket s) throws IOException {
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return tls.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return tls.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(tls.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            s.setTcpNoDelay(true);
            return tls.createSocket(s, host, port, autoClose);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(tls.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(tls.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(tls.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(tls.createSocket(address, port, localAddress, localPort));
        }
    }
}
