package vn.dongxanh.platform;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.devkit.province.ProvinceWriter;

/**
 * The people of the run's identity seed, signed in the way a browser signs in (code + PKCE
 * through the provider's form), each once: the seeds write as the person whose job it is.
 */
final class SeedPeople implements ProvinceWriter.People {
    private final IdentitySeed seed;
    private final SignIn signIn;
    private final Map<String, String> tokens = new HashMap<>();

    SeedPeople(IdentitySeed seed, String issuer) {
        this.seed = seed;
        this.signIn = new SignIn(
                URI.create(issuer),
                IdentitySeed.WEB_CLIENT,
                seed.clientSecrets().get(IdentitySeed.WEB_CLIENT),
                IdentitySeed.WEB_REDIRECT);
    }

    @Override
    public String department() throws IOException, InterruptedException {
        return tokenOf(PlatformRole.DEPARTMENT_OFFICER, IdentitySeed.DEPARTMENT);
    }

    @Override
    public String certificationBody() throws IOException, InterruptedException {
        return tokenOf(PlatformRole.CERTIFICATION_BODY, IdentitySeed.CERTIFICATION_BODY);
    }

    @Override
    public String managerOf(String cooperative) throws IOException, InterruptedException {
        return tokenOf(PlatformRole.COOP_MANAGER, cooperative);
    }

    private String tokenOf(PlatformRole role, String organisation) throws IOException, InterruptedException {
        var person = seed.signIns().stream()
                .filter(p -> p.role() == role && p.organisation().equals(organisation))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the run's identity seed ("
                        + seed.file() + ") has no " + role + " of " + organisation
                        + "; it was made for another province: remove the run's folder to start afresh"));
        String token = tokens.get(person.username());
        if (token == null) {
            try {
                token = signIn.accessToken(person.username(), person.password());
            } catch (SignIn.Refused e) {
                throw new IllegalStateException("signing in " + person.username() + ": " + e.getMessage(), e);
            }
            tokens.put(person.username(), token);
        }
        return token;
    }
}
