package vn.dongxanh.devkit.mqtt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private CA and a server certificate for the local broker's TLS listener (127.0.0.1, ::1,
 * localhost), made with BouncyCastle. The CA's private key signs the server certificate and is
 * then forgotten: nothing else can ever be issued under this CA. Files in {@code dir}:
 *
 * <ul>
 *   <li>{@code ca.pem} — the CA certificate clients are told to trust;
 *   <li>{@code server.pem}, {@code server-key.pem} — certificate chain and PKCS#8 key (Mosquitto);
 *   <li>{@code server.p12} and {@code server.p12.password} — the same as a PKCS#12 keystore (HiveMQ).
 * </ul>
 */
public record LocalCertificates(
        Path ca, Path serverCertificate, Path serverKey, Path keystore, String keystorePassword) {
    private static final Duration VALIDITY = Duration.ofDays(825);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The certificates in {@code dir}, made now when absent or about to expire. */
    public static LocalCertificates ensure(Path dir) {
        OwnerOnly.directory(dir);
        var files = new LocalCertificates(
                dir.resolve("ca.pem"),
                dir.resolve("server.pem"),
                dir.resolve("server-key.pem"),
                dir.resolve("server.p12"),
                null);
        Path passwordFile = dir.resolve("server.p12.password");
        try {
            if (Files.exists(files.keystore()) && Files.exists(passwordFile) && Files.exists(files.ca())) {
                X509Certificate server = read(files.serverCertificate());
                if (server.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE))) {
                    return files.withPassword(Files.readString(passwordFile).trim());
                }
            }
            return generate(files, passwordFile);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the local TLS certificates in " + dir + ": " + e, e);
        }
    }

    private LocalCertificates withPassword(String password) {
        return new LocalCertificates(ca, serverCertificate, serverKey, keystore, password);
    }

    private static LocalCertificates generate(LocalCertificates files, Path passwordFile)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        KeyPair caKeys = ecKeys();
        X500Name caName = new X500Name("CN=Dong Xanh local broker CA " + now.getEpochSecond());
        var ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(
                        caName,
                        serial(),
                        Date.from(now.minus(Duration.ofHours(1))),
                        Date.from(now.plus(VALIDITY)),
                        caName,
                        caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(
                        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKeys.getPublic()));
        X509Certificate caCert = sign(caBuilder, caKeys);

        KeyPair serverKeys = ecKeys();
        X509v3CertificateBuilder serverBuilder = new JcaX509v3CertificateBuilder(
                        caCert,
                        serial(),
                        Date.from(now.minus(Duration.ofHours(1))),
                        Date.from(now.plus(VALIDITY)),
                        new X500Name("CN=localhost"),
                        serverKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1")
                }))
                .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert))
                .addExtension(
                        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(serverKeys.getPublic()));
        X509Certificate serverCert = sign(serverBuilder, caKeys);

        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
        var p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry(
                "server", serverKeys.getPrivate(), password.toCharArray(), new java.security.cert.Certificate[] {
                    serverCert, caCert
                });
        var bytes = new ByteArrayOutputStream();
        p12.store(bytes, password.toCharArray());

        OwnerOnly.write(files.ca(), pem(caCert));
        OwnerOnly.write(files.serverCertificate(), pem(serverCert) + pem(caCert));
        OwnerOnly.write(files.serverKey(), pem(serverKeys.getPrivate()));
        OwnerOnly.write(passwordFile, password + "\n");
        OwnerOnly.write(files.keystore(), bytes.toByteArray());
        return files.withPassword(password);
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        var g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        var signerOp = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signerOp));
    }

    private static BigInteger serial() {
        return new BigInteger(1, randomBytes(16));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String pem(Object o) {
        var out = new StringWriter();
        try (var w = new JcaPEMWriter(out)) {
            w.writeObject(
                    o instanceof java.security.PrivateKey k
                            ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null)
                            : o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static X509Certificate read(Path pem) throws IOException, GeneralSecurityException {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
