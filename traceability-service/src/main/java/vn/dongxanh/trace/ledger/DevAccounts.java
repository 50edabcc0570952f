package vn.dongxanh.trace.ledger;

import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * Keys of a development chain's accounts, derived from its BIP-39 mnemonic on the standard
 * Ethereum path m/44'/60'/0'/0/i — the way anvil and hardhat create their dev accounts. Only for
 * local and test chains: production keys come from an encrypted keystore.
 */
public final class DevAccounts {
    private DevAccounts() {}

    public static Credentials account(String mnemonic, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("account index must be >= 0");
        }
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(mnemonic, ""));
        int hardened = Bip32ECKeyPair.HARDENED_BIT;
        int[] path = {44 | hardened, 60 | hardened, hardened, 0, index};
        return Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path));
    }
}
