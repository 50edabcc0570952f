package vn.dongxanh.trace.ledger;

import java.io.IOException;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;
import vn.dongxanh.trace.ledger.contract.DongXanhLedger;
import vn.dongxanh.trace.record.Bytes32;

/**
 * Sends queued ledger calls and follows them until they are confirmed. Runs as a singleton (the
 * caller holds an advisory lock), one step at a time, with every fact written to PostgreSQL
 * before it is acted on. Each call is signed by its signer's key (the department's, or an
 * organisation's: {@link LedgerSigners}); nonces are counted per signing account, the department's
 * calls go first (they grant the others their roles), and an organisation's calls wait while its
 * account holds no role on the contract:
 *
 * <ul>
 *   <li>a queued call is signed with the next nonce (the node's pending count, or past the
 *       nonces we already have in flight), the attempt is stored, then it is sent;
 *   <li>a sent call whose attempts all vanished from the node (dropped, or the node restarted
 *       without its mempool) is sent again with the same nonce while that nonce is still free;
 *       one stuck longer than {@code resend-after} is re-priced with the same nonce;
 *   <li>when the nonce was used by something else, an anchor already on chain is taken from the
 *       contract's event, anything else is queued again for a fresh nonce;
 *   <li>a mined call becomes CONFIRMED at the configured depth if its block is still canonical;
 *       a reverted one is REVERTED (with the reason) until then, and FAILED for good at that
 *       depth: a reorg above it may still undo the revert, so nothing acts on it before.
 * </ul>
 */
public class LedgerSubmitter {
    private static final Logger log = LoggerFactory.getLogger(LedgerSubmitter.class);
    private static final int MAX_SENDS_PER_RUN = 50;
    private static final String ANCHORED_TOPIC = EventEncoder.encode(DongXanhLedger.ANCHORED_EVENT);

    private final LedgerChain chain;
    private final LedgerSigners signers;
    private final LedgerProperties props;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final java.util.Set<String> waitingForRole = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public LedgerSubmitter(
            LedgerChain chain, LedgerSigners signers, LedgerProperties props, JdbcClient jdbc, Clock clock) {
        this.chain = chain;
        this.signers = signers;
        this.props = props;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One pass: enrol new signers, then per signer follow sent calls and send queued ones; confirm mined ones. */
    public void run() throws IOException {
        signers.enrolAll();
        List<String> open = jdbc.sql("""
                        select distinct signer from ledger_tx where state in ('QUEUED', 'SENT')
                         order by signer nulls first
                        """).query((rs, i) -> rs.getString(1)).list();
        for (String signer : open) {
            Optional<Credentials> key = signers.credentials(signer);
            if (key.isEmpty()) {
                continue; // said once by LedgerSigners; its calls wait for its keystore
            }
            Account account = new Account(signer, key.get());
            trackSent(account);
            if (!signers.mayWrite(signer, key.get())) {
                if (waitingForRole.add(signer)) {
                    log.warn(
                            "organisation {}'s account {} holds no role on the ledger contract; its calls wait until the"
                                    + " department grants it one",
                            signer,
                            account.address());
                }
                continue;
            }
            if (signer != null) {
                waitingForRole.remove(signer);
            }
            if (sendQueued(account) > 0) {
                // a chain that mines at once (anvil, a QBFT network between blocks) may have the
                // receipts already: take them now rather than a poll interval later
                trackSent(account);
            }
        }
        confirmMined();
    }

    /** A signing account: whose it is (null = the department) and its key. */
    private record Account(String signer, Credentials credentials) {
        String address() {
            return credentials.getAddress();
        }
    }

    private record Open(long id, String kind, String reference, String callData, Long nonce, Instant sentAt) {}

    private record Attempt(String hash, BigInteger gasPrice) {}

    private List<Open> open(String state, String order, Account account) {
        return jdbc.sql("select id, kind, reference, call_data, nonce, sent_at from ledger_tx"
                        + " where state = ? and signer is not distinct from ? order by " + order)
                .params(state, account.signer())
                .query((rs, i) -> new Open(
                        rs.getLong("id"),
                        rs.getString("kind"),
                        rs.getString("reference"),
                        rs.getString("call_data"),
                        (Long) rs.getObject("nonce"),
                        Optional.ofNullable(rs.getTimestamp("sent_at"))
                                .map(Timestamp::toInstant)
                                .orElse(null)))
                .list();
    }

    private void trackSent(Account account) throws IOException {
        Web3j web3 = chain.web3j();
        List<Open> sent = open("SENT", "nonce", account);
        if (sent.isEmpty()) {
            return;
        }
        long usedNonces = web3.ethGetTransactionCount(account.address(), DefaultBlockParameterName.LATEST)
                .send()
                .getTransactionCount()
                .longValueExact();
        for (Open tx : sent) {
            List<Attempt> attempts = jdbc.sql(
                            "select tx_hash, gas_price from ledger_tx_attempt where ledger_tx = ? order by sent_at")
                    .param(tx.id())
                    .query((rs, i) -> new Attempt(
                            rs.getString("tx_hash"),
                            rs.getBigDecimal("gas_price").toBigIntegerExact()))
                    .list();
            Optional<TransactionReceipt> receipt = Optional.empty();
            boolean known = false;
            for (Attempt attempt : attempts) {
                receipt = web3.ethGetTransactionReceipt(attempt.hash()).send().getTransactionReceipt();
                if (receipt.isPresent()) {
                    break;
                }
                known |= web3.ethGetTransactionByHash(attempt.hash())
                        .send()
                        .getTransaction()
                        .isPresent();
            }
            if (receipt.isPresent()) {
                settle(tx, receipt.get(), account);
            } else if (tx.nonce() < usedNonces) {
                nonceTakenElsewhere(tx);
            } else if (!known) {
                BigInteger price = attempts.isEmpty()
                        ? gasPrice()
                        : attempts.getLast().gasPrice().max(gasPrice());
                log.info(
                        "ledger tx {} ({}) is not known to the node any more; sending it again with nonce {}",
                        tx.id(),
                        tx.kind(),
                        tx.nonce());
                send(tx, tx.nonce(), price, account);
            } else if (tx.sentAt() != null
                    && tx.sentAt().plus(props.resendAfter()).isBefore(clock.instant())) {
                BigInteger last = attempts.getLast().gasPrice();
                BigInteger bumped = last.multiply(BigInteger.valueOf(100L + props.gasPriceBumpPercent()))
                        .divide(BigInteger.valueOf(100))
                        .add(BigInteger.ONE);
                log.info(
                        "ledger tx {} ({}) unmined after {}; re-pricing it with nonce {}",
                        tx.id(),
                        tx.kind(),
                        props.resendAfter(),
                        tx.nonce());
                send(tx, tx.nonce(), bumped.max(gasPrice()), account);
            }
        }
    }

    private void nonceTakenElsewhere(Open tx) throws IOException {
        if (tx.kind().equals(LedgerOutbox.Kind.ANCHOR.name())) {
            Optional<Log> onChain = anchoredEvent(Bytes32.of(tx.reference()));
            if (onChain.isPresent()) {
                Log event = onChain.get();
                markMined(
                        tx.id(),
                        event.getTransactionHash(),
                        event.getBlockNumber().longValueExact(),
                        event.getBlockHash());
                return;
            }
        }
        log.warn(
                "nonce {} of ledger tx {} ({}) was used by another transaction; queueing it for a fresh nonce",
                tx.nonce(),
                tx.id(),
                tx.kind());
        jdbc.sql("update ledger_tx set state = 'QUEUED', nonce = null, last_error = ? where id = ?")
                .params("nonce " + tx.nonce() + " used by another transaction", tx.id())
                .update();
    }

    /** Sends queued calls in order; returns how many were handed to the node. */
    private int sendQueued(Account account) throws IOException {
        List<Open> queued = open("QUEUED", "id", account);
        if (queued.isEmpty()) {
            return 0;
        }
        long next = chain.web3j()
                .ethGetTransactionCount(account.address(), DefaultBlockParameterName.PENDING)
                .send()
                .getTransactionCount()
                .longValueExact();
        Long inFlight = jdbc.sql(
                        "select max(nonce) from ledger_tx where state = 'SENT' and signer is not distinct from ?")
                .param(account.signer())
                .query(Long.class)
                .optional()
                .orElse(null);
        if (inFlight != null) {
            next = Math.max(next, inFlight + 1);
        }
        BigInteger price = gasPrice();
        int sends = 0;
        int sent = 0;
        for (Open tx : queued) {
            if (sends++ >= MAX_SENDS_PER_RUN) {
                break;
            }
            if (tx.kind().equals(LedgerOutbox.Kind.ANCHOR.name())) {
                Optional<Log> onChain = anchoredEvent(Bytes32.of(tx.reference()));
                if (onChain.isPresent()) {
                    Log event = onChain.get();
                    markMined(
                            tx.id(),
                            event.getTransactionHash(),
                            event.getBlockNumber().longValueExact(),
                            event.getBlockHash());
                    continue;
                }
            }
            if (!send(tx, next, price, account)) {
                break; // keep nonces in order: try the rest next run
            }
            sent++;
            next++;
        }
        return sent;
    }

    /** Signs, records, then sends; false when the node refused it (the call stays retriable). */
    private boolean send(Open tx, long nonce, BigInteger gasPrice, Account account) throws IOException {
        RawTransaction raw = RawTransaction.createTransaction(
                BigInteger.valueOf(nonce), gasPrice, props.gasLimit(), chain.contractAddress(), tx.callData());
        String signed =
                Numeric.toHexString(TransactionEncoder.signMessage(raw, chain.chainId(), account.credentials()));
        String hash = Hash.sha3(signed);
        jdbc.sql("""
                        insert into ledger_tx_attempt (tx_hash, ledger_tx, nonce, gas_price) values (?, ?, ?, ?)
                        on conflict (tx_hash) do update set sent_at = now()
                        """)
                .params(hash, tx.id(), nonce, new java.math.BigDecimal(gasPrice))
                .update();
        jdbc.sql("""
                        update ledger_tx set state = 'SENT', nonce = ?, tx_hash = ?, contract = ?, sender = ?,
                               sent_at = now(), sends = sends + 1
                         where id = ?
                        """)
                .params(nonce, hash, chain.contractAddress(), account.address().toLowerCase(), tx.id())
                .update();
        EthSendTransaction response =
                chain.web3j().ethSendRawTransaction(signed).send();
        if (!response.hasError()) {
            return true;
        }
        String error = response.getError().getMessage();
        String lower = error.toLowerCase();
        if (lower.contains("already known") || lower.contains("known transaction")) {
            return true;
        }
        jdbc.sql("update ledger_tx set last_error = ? where id = ?")
                .params(error, tx.id())
                .update();
        if (lower.contains("nonce too low")) {
            jdbc.sql("update ledger_tx set state = 'QUEUED', nonce = null where id = ?")
                    .param(tx.id())
                    .update();
        }
        log.warn("the node refused ledger tx {} ({}): {}", tx.id(), tx.kind(), error);
        return false;
    }

    private void settle(Open tx, TransactionReceipt receipt, Account account) {
        if (receipt.isStatusOK()) {
            markMined(
                    tx.id(),
                    receipt.getTransactionHash(),
                    receipt.getBlockNumber().longValueExact(),
                    receipt.getBlockHash());
        } else {
            String reason = "reverted in " + receipt.getTransactionHash()
                    + Optional.ofNullable(receipt.getRevertReason())
                            .map(r -> ": " + r)
                            .orElse("");
            log.error("ledger tx {} ({} {}) failed: {}", tx.id(), tx.kind(), tx.reference(), reason);
            signers.recheck(account.signer()); // perhaps its role was revoked: ask the contract again
            jdbc.sql("""
                            update ledger_tx set state = 'REVERTED', tx_hash = ?, block_number = ?, block_hash = ?,
                                   last_error = ?, mined_at = now() where id = ?
                            """)
                    .params(
                            receipt.getTransactionHash(),
                            receipt.getBlockNumber().longValueExact(),
                            receipt.getBlockHash(),
                            reason,
                            tx.id())
                    .update();
        }
    }

    private void markMined(long id, String txHash, long block, String blockHash) {
        jdbc.sql("""
                        update ledger_tx set state = 'MINED', tx_hash = ?, block_number = ?, block_hash = ?,
                               mined_at = now(), last_error = null where id = ?
                        """).params(txHash, block, blockHash, id).update();
    }

    private void confirmMined() throws IOException {
        record Mined(long id, long block, String state) {}
        List<Mined> mined = jdbc.sql(
                        "select id, block_number, state from ledger_tx where state in ('MINED', 'REVERTED') order by id")
                .query((rs, i) -> new Mined(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .list();
        if (mined.isEmpty()) {
            return;
        }
        long head = chain.blockNumber();
        for (Mined tx : mined) {
            long id = tx.id();
            long block = tx.block();
            if (head - block + 1 < props.confirmations()) {
                continue;
            }
            String stored = jdbc.sql("select block_hash from ledger_tx where id = ?")
                    .param(id)
                    .query(String.class)
                    .single();
            var canonical = chain.web3j()
                    .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false)
                    .send()
                    .getBlock();
            if (canonical != null && canonical.getHash().equalsIgnoreCase(stored)) {
                jdbc.sql("update ledger_tx set state = ? where id = ?")
                        .params(tx.state().equals("MINED") ? "CONFIRMED" : "FAILED", id)
                        .update();
            } else {
                log.warn("block {} of ledger tx {} is no longer canonical; following the transaction again", block, id);
                jdbc.sql("update ledger_tx set state = 'SENT', block_number = null, block_hash = null where id = ?")
                        .param(id)
                        .update();
            }
        }
    }

    private Optional<Log> anchoredEvent(Bytes32 root) throws IOException {
        if (chain.anchorOf(root).isEmpty()) {
            return Optional.empty();
        }
        EthFilter filter = new EthFilter(
                DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, chain.contractAddress());
        filter.addSingleTopic(ANCHORED_TOPIC);
        filter.addSingleTopic(root.hex());
        EthLog logs = chain.web3j().ethGetLogs(filter).send();
        if (logs.hasError() || logs.getLogs().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((Log) logs.getLogs().getFirst().get());
    }

    private BigInteger gasPrice() throws IOException {
        return props.gasPrice() != null
                ? props.gasPrice()
                : chain.web3j().ethGasPrice().send().getGasPrice();
    }
}
