package vn.dongxanh.trace.ledger;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import vn.dongxanh.trace.ledger.contract.DongXanhLedger;
import vn.dongxanh.trace.ledger.local.AnvilProcess;

/** Connects to the ledger (starting anvil in LOCAL mode), loads the key, finds or deploys the contract. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerProperties.class)
public class LedgerConfiguration {
    private static final Logger log = LoggerFactory.getLogger(LedgerConfiguration.class);

    /** Gas for deploying the contract (≈ 1.2 M used); only LOCAL/first-run deployments use it. */
    private static final BigInteger DEPLOY_GAS = BigInteger.valueOf(6_000_000);

    @Bean(destroyMethod = "close")
    @Conditional(LocalMode.class)
    AnvilProcess localChain(LedgerProperties props) {
        LedgerProperties.Local local = props.local();
        Path workDir = Path.of(local.workDir());
        int port = local.port() == 0 ? LocalPorts.free() : local.port();
        return AnvilProcess.start(new AnvilProcess.Options(
                AnvilProcess.locate(Optional.ofNullable(local.anvilBinary())),
                port,
                Optional.of(workDir.resolve("anvil-state.json").toAbsolutePath()),
                local.blockTime().isZero() ? Optional.empty() : Optional.of(local.blockTime()),
                Optional.of(local.mnemonic()),
                local.chainId(),
                Duration.ofSeconds(60)));
    }

    @Bean(destroyMethod = "shutdown")
    @Conditional(LedgerEnabled.class)
    Web3j web3j(LedgerProperties props, ObjectProvider<AnvilProcess> local) {
        String url =
                props.mode() == LedgerProperties.Mode.LOCAL ? local.getObject().rpcUrl() : props.rpcUrl();
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("dx.trace.ledger.rpc-url is empty (mode RPC)");
        }
        return Web3j.build(new HttpService(url));
    }

    @Bean
    @Conditional(LedgerEnabled.class)
    LedgerChain ledgerChain(LedgerProperties props, Web3j web3j, JdbcClient jdbc) throws Exception {
        LedgerProperties.Keystore ks = props.keystore();
        boolean local = props.mode() == LedgerProperties.Mode.LOCAL;
        Credentials credentials = LedgerKeys.load(
                keystoreFile(props),
                password(props),
                local || ks.generateDevKey(),
                props.local().mnemonic());
        long chainId = web3j.ethChainId().send().getChainId().longValueExact();
        String address = contractAddress(props, web3j, credentials, chainId, jdbc);
        log.info("ledger contract {} on chain {}", address, chainId);
        LedgerChain chain = new LedgerChain(web3j, credentials, chainId, address);
        if (chain.leafFormat().isEmpty()) {
            // a contract of an earlier version keeps working for anchors and codes, but its verify
            // takes the leaf as given: records of leaf format 2 then read ledgerVerified=false
            log.warn(
                    "ledger contract {} predates leaf format 2 (no LEAF_FORMAT): its verify(root, leaf, proof)"
                            + " does not hash the leaf; deploy the current contract (docs/record-format.md)",
                    address);
        }
        return chain;
    }

    @Bean
    @Conditional(LedgerEnabled.class)
    LedgerSigners ledgerSigners(
            LedgerProperties props, LedgerChain chain, JdbcClient jdbc, ObjectProvider<AnvilProcess> local) {
        LedgerProperties.Keystore ks = props.keystore();
        boolean localMode = props.mode() == LedgerProperties.Mode.LOCAL;
        boolean devKeys = localMode || ks.generateDevKey();
        Optional<Path> dir = ks.dir() != null && !ks.dir().isBlank()
                ? Optional.of(Path.of(ks.dir()))
                : devKeys
                        ? Optional.of(
                                keystoreFile(props).toAbsolutePath().getParent().resolve("signers"))
                        : Optional.empty();
        String url = localMode ? local.getObject().rpcUrl() : props.rpcUrl();
        return new LedgerSigners(chain, jdbc, dir, password(props), devKeys, url);
    }

    @Bean
    @Conditional(LedgerEnabled.class)
    LedgerSubmitter ledgerSubmitter(
            LedgerChain chain, LedgerSigners signers, LedgerProperties props, JdbcClient jdbc, java.time.Clock clock) {
        return new LedgerSubmitter(chain, signers, props, jdbc, clock);
    }

    private static String password(LedgerProperties props) {
        String password = props.keystore().password();
        if (props.mode() == LedgerProperties.Mode.LOCAL && (password == null || password.isEmpty())) {
            // the dev key is public anyway; a real chain never gets here (RPC mode demands a password)
            return "dongxanh-local-dev";
        }
        return password;
    }

    private static Path keystoreFile(LedgerProperties props) {
        LedgerProperties.Keystore ks = props.keystore();
        return ks.file() == null || ks.file().isBlank()
                ? Path.of(props.local().workDir(), "keystore.json")
                : Path.of(ks.file());
    }

    private static String contractAddress(
            LedgerProperties props, Web3j web3j, Credentials credentials, long chainId, JdbcClient jdbc)
            throws Exception {
        if (props.contractAddress() != null && !props.contractAddress().isBlank()) {
            if (!hasCode(web3j, props.contractAddress())) {
                throw new IllegalStateException("no contract at dx.trace.ledger.contract-address "
                        + props.contractAddress() + " on chain " + chainId);
            }
            return props.contractAddress().toLowerCase();
        }
        Optional<String> known = jdbc.sql("select address from ledger_contract where chain_id = ?")
                .param(chainId)
                .query(String.class)
                .optional();
        if (known.isPresent() && hasCode(web3j, known.get())) {
            return known.get();
        }
        known.ifPresent(gone -> log.warn(
                "the contract {} this database used on chain {} is gone (a fresh chain?); deploying a new one",
                gone,
                chainId));
        BigInteger gasPrice = props.gasPrice() != null
                ? props.gasPrice()
                : web3j.ethGasPrice().send().getGasPrice();
        var tm = new RawTransactionManager(
                web3j,
                credentials,
                chainId,
                new PollingTransactionReceiptProcessor(
                        web3j, Math.max(50, props.pollInterval().toMillis()), 600));
        String address = DongXanhLedger.deploy(web3j, tm, new StaticGasProvider(gasPrice, DEPLOY_GAS))
                .send()
                .getContractAddress()
                .toLowerCase();
        jdbc.sql("""
                        insert into ledger_contract (chain_id, address) values (?, ?)
                        on conflict (chain_id) do update set address = excluded.address, created_at = now()
                        """).params(chainId, address).update();
        return address;
    }

    private static boolean hasCode(Web3j web3j, String address) throws IOException {
        String code = web3j.ethGetCode(address, DefaultBlockParameterName.LATEST)
                .send()
                .getCode();
        return code != null && code.length() > 2;
    }
}
