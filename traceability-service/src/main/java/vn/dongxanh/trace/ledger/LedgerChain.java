package vn.dongxanh.trace.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import vn.dongxanh.trace.ledger.contract.DongXanhLedger;
import vn.dongxanh.trace.record.Bytes32;

/**
 * The chain the service writes to: its JSON-RPC client, the service's account, the chain id and
 * the ledger contract's address. Reads go through the generated wrapper as view calls.
 */
public final class LedgerChain {
    private final Web3j web3j;
    private final Credentials credentials;
    private final long chainId;
    private final String contractAddress;
    private final DongXanhLedger reader;

    public LedgerChain(Web3j web3j, Credentials credentials, long chainId, String contractAddress) {
        this.web3j = web3j;
        this.credentials = credentials;
        this.chainId = chainId;
        this.contractAddress = contractAddress.toLowerCase();
        this.reader = DongXanhLedger.load(
                this.contractAddress,
                web3j,
                new ReadonlyTransactionManager(web3j, credentials.getAddress()),
                new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
    }

    public Web3j web3j() {
        return web3j;
    }

    public Credentials credentials() {
        return credentials;
    }

    public String account() {
        return credentials.getAddress();
    }

    public long chainId() {
        return chainId;
    }

    public String contractAddress() {
        return contractAddress;
    }

    /**
     * The contract's own check of a record of leaf format 2: it hashes {@code recordHash} (keccak256
     * of the canonical JSON) into the leaf itself, folds the proof, and requires the root anchored
     * there. An inner node of a tree given as {@code recordHash} is refused.
     */
    public boolean verify(Bytes32 root, Bytes32 recordHash, List<Bytes32> proof) {
        try {
            return reader.verify(
                            root.bytes(),
                            recordHash.bytes(),
                            proof.stream().map(Bytes32::bytes).toList())
                    .send();
        } catch (Exception e) {
            throw new LedgerUnavailableException("verify call failed", e);
        }
    }

    /**
     * The check of a record of leaf format 1 (stored before format 2; its leaf is the record hash):
     * the contract folds the proof from the leaf as given ({@code processProof}) and says whether
     * the root is anchored ({@code anchorOf}); {@code verify} would hash the leaf once more.
     */
    public boolean verifyFormat1(Bytes32 root, Bytes32 leaf, List<Bytes32> proof) {
        try {
            byte[] folded = reader.processProof(
                            proof.stream().map(Bytes32::bytes).toList(), leaf.bytes())
                    .send();
            return java.util.Arrays.equals(folded, root.bytes())
                    && anchorOf(root).isPresent();
        } catch (LedgerUnavailableException e) {
            throw e;
        } catch (Exception e) {
            throw new LedgerUnavailableException("processProof call failed", e);
        }
    }

    /**
     * The leaf format the contract's {@code verify} takes ({@code LEAF_FORMAT()}); empty for a
     * contract deployed before leaf format 2, which has no such constant and takes the leaf as given.
     */
    public Optional<Integer> leafFormat() {
        try {
            return Optional.of(reader.LEAF_FORMAT().send().intValueExact());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Block and time of an anchored root, empty when the root is not on chain. */
    public Optional<AnchorOnChain> anchorOf(Bytes32 root) {
        try {
            var a = reader.anchorOf(root.bytes()).send();
            if (a.component1().signum() == 0) {
                return Optional.empty();
            }
            return Optional.of(new AnchorOnChain(
                    a.component1().longValueExact(), a.component2().longValueExact(), a.component3(), a.component4()));
        } catch (Exception e) {
            throw new LedgerUnavailableException("anchorOf call failed", e);
        }
    }

    /** Whether the account holds the contract role named (DEPARTMENT, COOPERATIVE, CERTIFICATION_BODY). */
    public boolean hasRole(String role, String account) {
        try {
            return reader.hasRole(LedgerCalls.roleId(role), account).send();
        } catch (Exception e) {
            throw new LedgerUnavailableException("hasRole call failed", e);
        }
    }

    /** Status of a growing-area code in the on-chain register. */
    public LedgerCalls.CodeStatusOnChain codeStatus(String code) {
        try {
            int ordinal = reader.codeStatus(code).send().component1().intValueExact();
            return LedgerCalls.CodeStatusOnChain.values()[ordinal];
        } catch (Exception e) {
            throw new LedgerUnavailableException("codeStatus call failed", e);
        }
    }

    public long blockNumber() {
        try {
            return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An anchor as the contract stores it. */
    public record AnchorOnChain(long blockNumber, long timestamp, BigInteger count, String submitter) {}
}
