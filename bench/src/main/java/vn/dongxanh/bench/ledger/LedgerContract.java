package vn.dongxanh.bench.ledger;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * The service's {@code DongXanhLedger}, deployed from the bytecode its build writes to
 * traceability-service/target/solidity and called with hand-encoded ABI calls (no generated
 * wrapper: the bench needs only {@code anchor} and {@code verify}).
 */
final class LedgerContract {
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(5_000_000);

    private final Web3j web3j;
    private final RawTransactionManager tx;
    private final PollingTransactionReceiptProcessor receipts;
    private final Credentials credentials;
    private final BigInteger gasPrice;
    final String address;

    private LedgerContract(Web3j web3j, Credentials credentials, String address) throws IOException {
        this.web3j = web3j;
        this.credentials = credentials;
        this.tx = new RawTransactionManager(
                web3j, credentials, web3j.ethChainId().send().getChainId().longValue());
        this.receipts = new PollingTransactionReceiptProcessor(web3j, 20, 1500);
        this.gasPrice = web3j.ethGasPrice().send().getGasPrice();
        this.address = address;
    }

    static Path bytecode(Path repo) {
        Path bin = repo.resolve("traceability-service/target/solidity/DongXanhLedger.bin");
        if (!Files.isReadable(bin))
            throw new IllegalStateException(bin + " is missing: build traceability-service first");
        return bin;
    }

    /** Deploys the contract with {@code key}, which then holds DEPARTMENT and may anchor. */
    static LedgerContract deploy(Web3j web3j, String key, Path repo) throws Exception {
        var credentials = Credentials.create(key);
        String bin = Files.readString(bytecode(repo)).strip();
        if (!bin.startsWith("0x")) bin = "0x" + bin;
        var deployer = new LedgerContract(web3j, credentials, null);
        TransactionReceipt r = deployer.send(null, bin);
        if (!r.isStatusOK() || r.getContractAddress() == null)
            throw new IllegalStateException("deployment failed: " + r);
        return new LedgerContract(web3j, credentials, r.getContractAddress());
    }

    /** {@code anchor(root, count)}; returns the mined receipt (status checked). */
    TransactionReceipt anchor(Leaf root, int count) throws Exception {
        var f = new Function("anchor", List.of(new Bytes32(root.bytes()), new Uint256(count)), List.of());
        TransactionReceipt r = send(address, FunctionEncoder.encode(f));
        if (!r.isStatusOK()) throw new IllegalStateException("anchor reverted: " + r.getRevertReason());
        return r;
    }

    /** The contract's own {@code verify(root, recordHash, proof)}, an eth_call; it hashes the leaf itself. */
    boolean verify(Leaf root, Leaf recordHash, List<Leaf> proof) throws IOException {
        var f = new Function(
                "verify",
                List.of(
                        new Bytes32(root.bytes()),
                        new Bytes32(recordHash.bytes()),
                        new DynamicArray<>(
                                Bytes32.class,
                                proof.stream().map(p -> new Bytes32(p.bytes())).toList())),
                List.of(new TypeReference<Bool>() {}));
        String out = web3j.ethCall(
                        Transaction.createEthCallTransaction(
                                credentials.getAddress(), address, FunctionEncoder.encode(f)),
                        DefaultBlockParameterName.LATEST)
                .send()
                .getValue();
        var decoded = FunctionReturnDecoder.decode(out, f.getOutputParameters());
        return !decoded.isEmpty() && (Boolean) decoded.get(0).getValue();
    }

    private TransactionReceipt send(String to, String data) throws Exception {
        var sent = tx.sendTransaction(gasPrice, GAS_LIMIT, to, data, BigInteger.ZERO);
        if (sent.hasError())
            throw new IllegalStateException("send failed: " + sent.getError().getMessage());
        return receipts.waitForTransactionReceipt(sent.getTransactionHash());
    }
}
