package vn.dongxanh.trace.ledger;

import java.math.BigInteger;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the ledger is and how the service writes to it ({@code dx.trace.ledger.*}; defaults in
 * application.yaml, documented in CONFIGURATION.md).
 *
 * @param mode LOCAL starts anvil as a child process; RPC uses {@code rpcUrl}; OFF keeps records pending
 * @param contractAddress the deployed contract; empty = the one this database deployed on this chain, or deploy one
 * @param confirmations blocks on top of (and including) the anchor's block before a record is CONFIRMED
 * @param pollInterval how often the submitter looks at the chain and the queue
 * @param resendAfter a transaction still unmined after this long is sent again with the same nonce at a higher price
 * @param gasPriceBumpPercent how much a resend raises the gas price (nodes want ≥ 10 % to replace)
 * @param gasLimit gas limit of every call
 * @param gasPrice fixed gas price in wei; empty = the node's eth_gasPrice
 */
@ConfigurationProperties("dx.trace.ledger")
public record LedgerProperties(
        Mode mode,
        String rpcUrl,
        String contractAddress,
        int confirmations,
        Duration pollInterval,
        Duration resendAfter,
        int gasPriceBumpPercent,
        BigInteger gasLimit,
        BigInteger gasPrice,
        Keystore keystore,
        Local local) {

    public LedgerProperties {
        if (confirmations < 1) {
            throw new IllegalArgumentException("dx.trace.ledger.confirmations must be >= 1");
        }
        if (gasPriceBumpPercent < 0) {
            throw new IllegalArgumentException("dx.trace.ledger.gas-price-bump-percent must be >= 0");
        }
    }

    /** How the service reaches a chain. */
    public enum Mode {
        LOCAL,
        RPC,
        OFF
    }

    /**
     * The signing keys, in web3j/Ethereum encrypted keystores (scrypt); docs/ledger-signers.md.
     *
     * @param file the department's key (it deploys the contract and administers roles); in LOCAL mode
     *     empty = {@code <local.work-dir>/keystore.json}
     * @param password its password (give it through DX_TRACE_KEYSTORE_PASSWORD), also that of the
     *     organisations' keystores
     * @param generateDevKey when the file is missing, write one holding dev account #0 of {@code local.mnemonic};
     *     and generate (and fund) missing organisation keys: local and test chains only
     * @param dir the organisations' keys, {@code <organisation id>.json} each; empty = {@code signers/} beside
     *     {@code file} with dev keys, otherwise none (every call then signed by the department's key)
     */
    public record Keystore(String file, String password, boolean generateDevKey, String dir) {}

    /**
     * The anvil chain of LOCAL mode.
     *
     * @param anvilBinary path of the anvil binary; empty = look under node_modules
     * @param workDir where the chain state and the dev keystore live
     * @param port RPC port on 127.0.0.1; 0 = a free one
     * @param chainId chain id anvil runs with
     * @param mnemonic the dev accounts' mnemonic (anvil's well-known default)
     * @param blockTime interval mining; 0 = a block per transaction
     */
    public record Local(
            String anvilBinary, String workDir, int port, long chainId, String mnemonic, Duration blockTime) {}
}
