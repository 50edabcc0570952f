package vn.dongxanh.trace.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/**
 * Loads the service's signing key from an encrypted keystore file. For local and test chains it
 * can first write that file for a dev account, so even then the key is only ever read back from
 * an encrypted keystore. Keys and passwords are never logged; the address is.
 */
public final class LedgerKeys {
    private static final Logger log = LoggerFactory.getLogger(LedgerKeys.class);

    private LedgerKeys() {}

    public static Credentials load(Path file, String password, boolean generateDevKey, String devMnemonic) {
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException(
                    "dx.trace.ledger.keystore.password is empty: set DX_TRACE_KEYSTORE_PASSWORD");
        }
        try {
            if (!Files.exists(file)) {
                if (!generateDevKey) {
                    throw new IllegalStateException("keystore " + file + " does not exist");
                }
                writeDevKeystore(file, password, devMnemonic);
            }
            Credentials credentials = WalletUtils.loadCredentials(password, file.toFile());
            log.info("ledger account {} (keystore {})", credentials.getAddress(), file);
            return credentials;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read keystore " + file, e);
        } catch (CipherException e) {
            throw new IllegalStateException("could not decrypt keystore " + file + " (wrong password?)", e);
        }
    }

    private static void writeDevKeystore(Path file, String password, String mnemonic)
            throws IOException, CipherException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Credentials dev = DevAccounts.account(mnemonic, 0);
        String written = WalletUtils.generateWalletFile(password, dev.getEcKeyPair(), dir.toFile(), false);
        Files.move(dir.resolve(written), file);
        log.warn(
                "wrote a keystore for dev account #0 ({}) to {}: a development key, never use it on a real chain",
                dev.getAddress(),
                file);
    }
}
