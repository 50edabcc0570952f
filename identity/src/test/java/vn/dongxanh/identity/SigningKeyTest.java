package vn.dongxanh.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import vn.dongxanh.devkit.LocalServices;

/** The signing key file: generated owner-only on first start, reused after, never logged. */
@ExtendWith(OutputCaptureExtension.class)
class SigningKeyTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("identity_key");

    @AfterAll
    static void drop() {
        DB.close();
    }

    @Test
    void theKeyIsGeneratedOwnerOnlyAndReusedSoTokensOutliveARestart(CapturedOutput output) throws Exception {
        Path keyFile = Provider.tempDir().resolve("keys").resolve("identity-signing-key.json");
        Path seed = Provider.testSeed();
        String token;
        String kid;
        try (Provider first = Provider.start(DB, keyFile, seed)) {
            assertThat(Files.exists(keyFile)).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                    .isEqualTo("rw-------");
            token = serviceToken(new Browser(first.base()));
            kid = new Browser(first.base()).verified(token).getHeader().getKeyID();
        }
        String fileBefore = Files.readString(keyFile);
        RSAKey key = (RSAKey) JWKSet.parse(fileBefore).getKeys().getFirst();
        assertThat(key.isPrivate()).isTrue();
        assertThat(key.getKeyID()).isEqualTo(kid);

        try (Provider second = Provider.start(DB, keyFile, seed)) {
            assertThat(Files.readString(keyFile)).isEqualTo(fileBefore);
            // the token of the first run still verifies against the JWKS of the second
            Browser browser = new Browser(second.base());
            assertThat(browser.verified(token).getHeader().getKeyID()).isEqualTo(kid);
            assertThat(browser.verified(serviceToken(browser)).getHeader().getKeyID())
                    .isEqualTo(kid);
        }
        // key material never reaches the log, only the key id
        assertThat(output.getAll())
                .contains(kid)
                .doesNotContain(key.getPrivateExponent().toString())
                .doesNotContain(key.getFirstPrimeFactor().toString());
    }

    private static String serviceToken(Browser browser) {
        HttpResponse<String> r = browser.postForm(
                "/oauth2/token",
                Browser.ordered("grant_type", "client_credentials"),
                Browser.basic("traceability-service", "trace-test-secret-0123456789"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Browser.JSON.readTree(r.body()).get("access_token").asString();
    }
}
