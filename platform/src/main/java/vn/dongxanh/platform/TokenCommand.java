package vn.dongxanh.platform;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code ./dx token NAME}: signs NAME in at the running platform's identity provider (with the
 * password the run generated for it) and prints an access token for the services' APIs, e.g.
 * {@code curl -H "Authorization: Bearer $(./dx token htx-an-phu-manager)" …}.
 */
public final class TokenCommand {
    private TokenCommand() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args[0].startsWith("-")) {
            System.err.println("usage: ./dx token NAME [WORK_DIR]   (NAME: a sign-in name printed by ./dx run)");
            System.exit(2);
        }
        Path workDir = Path.of(args.length > 1 ? args[1] : System.getenv().getOrDefault("DX_WORK_DIR", ".dx-run"))
                .toAbsolutePath();
        Path runFile = workDir.resolve("run.properties");
        if (!Files.exists(runFile)) {
            System.err.println("token: no running platform found (" + runFile + " is missing): start ./dx run first");
            System.exit(1);
        }
        Properties run = new Properties();
        try (Reader r = Files.newBufferedReader(runFile)) {
            run.load(r);
        }
        IdentitySeed seed;
        try {
            seed = IdentitySeed.load(workDir.resolve("secrets")).orElse(null);
        } catch (IOException e) {
            System.err.println("token: cannot read the run's sign-ins: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (seed == null) {
            System.err.println("token: this run uses another identity provider; ask it for a token");
            System.exit(1);
            return;
        }
        var person = seed.signIns().stream()
                .filter(p -> p.username().equals(args[0]))
                .findFirst();
        if (person.isEmpty()) {
            System.err.println("token: no sign-in named " + args[0] + "; known: "
                    + seed.signIns().stream().map(IdentitySeed.SignIn::username).toList());
            System.exit(1);
            return;
        }
        var signIn = new SignIn(
                URI.create(run.getProperty("issuer")),
                IdentitySeed.WEB_CLIENT,
                seed.clientSecrets().get(IdentitySeed.WEB_CLIENT),
                IdentitySeed.WEB_REDIRECT);
        try {
            System.out.println(
                    signIn.accessToken(person.get().username(), person.get().password()));
        } catch (SignIn.Refused e) {
            System.err.println("token: " + e.getMessage());
            System.exit(1);
        }
    }
}
