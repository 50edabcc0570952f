package vn.dongxanh.trace.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import vn.dongxanh.trace.ledger.contract.DongXanhLedger;

/** The compiled contract on a real anvil: roles, the code register and its lifecycle, anchors. */
class DongXanhLedgerContractTest {
    private static final BigInteger APPLIED = BigInteger.valueOf(1);
    private static final BigInteger UNDER_INSPECTION = BigInteger.valueOf(2);
    private static final BigInteger ISSUED = BigInteger.valueOf(3);
    private static final BigInteger SUSPENDED = BigInteger.valueOf(4);

    private static TestChain chain;
    private static DongXanhLedger asDepartment;
    private static Credentials department;
    private static Credentials cooperative;
    private static Credentials certifier;

    @BeforeAll
    static void deploy() throws Exception {
        chain = TestChain.start();
        department = chain.account(0);
        cooperative = chain.account(1);
        certifier = chain.account(2);
        asDepartment = DongXanhLedger.deploy(chain.web3j(), chain.transactions(department), new DefaultGasProvider())
                .send();
        asDepartment
                .grantRole(asDepartment.COOPERATIVE().send(), cooperative.getAddress())
                .send();
        asDepartment
                .grantRole(asDepartment.CERTIFICATION_BODY().send(), certifier.getAddress())
                .send();
    }

    @AfterAll
    static void stop() {
        if (chain != null) chain.close();
    }

    private static DongXanhLedger as(Credentials who) {
        return DongXanhLedger.load(
                asDepartment.getContractAddress(), chain.web3j(), chain.transactions(who), new DefaultGasProvider());
    }

    private static DongXanhLedger anyone() {
        return DongXanhLedger.load(
                asDepartment.getContractAddress(),
                chain.web3j(),
                new ReadonlyTransactionManager(chain.web3j(), "0x000000000000000000000000000000000000dEaD"),
                new DefaultGasProvider());
    }

    private static byte[] hash(String text) {
        return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theDeployerIsTheDepartmentAndGrantsTheOtherRoles() throws Exception {
        DongXanhLedger reader = anyone();
        assertThat(reader.hasRole(reader.DEPARTMENT().send(), department.getAddress())
                        .send())
                .isTrue();
        assertThat(reader.hasRole(reader.COOPERATIVE().send(), cooperative.getAddress())
                        .send())
                .isTrue();
        assertThat(reader.hasRole(reader.CERTIFICATION_BODY().send(), certifier.getAddress())
                        .send())
                .isTrue();
        assertThat(reader.hasRole(reader.DEPARTMENT().send(), cooperative.getAddress())
                        .send())
                .isFalse();
        assertThat(reader.DEPARTMENT().send()).isEqualTo(hash("DEPARTMENT"));
    }

    @Test
    void aCooperativeCannotGrantRoles() throws Exception {
        Credentials stranger = chain.account(5);
        DongXanhLedger asCooperative = as(cooperative);
        assertThatThrownBy(() -> asCooperative
                        .grantRole(asCooperative.COOPERATIVE().send(), stranger.getAddress())
                        .send())
                .isInstanceOf(TransactionException.class);
        assertThat(anyone().hasRole(asCooperative.COOPERATIVE().send(), stranger.getAddress())
                        .send())
                .isFalse();
    }

    @Test
    void theDepartmentRegistersACodeAndEachStatusChangeIsATransactionWithItsEvent() throws Exception {
        String code = "VN-51-0013";
        TransactionReceipt registered =
                asDepartment.registerCode(code, hash("application")).send();
        assertThat(DongXanhLedger.getCodeRegisteredEvents(registered))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.code).isEqualTo(code);
                    assertThat(e.by).isEqualToIgnoringCase(department.getAddress());
                });

        TransactionReceipt inspecting = asDepartment
                .changeCodeStatus(code, UNDER_INSPECTION, hash("inspection planned"))
                .send();
        TransactionReceipt issued = asDepartment
                .changeCodeStatus(code, ISSUED, hash("inspected ok"))
                .send();
        assertThat(issued.getTransactionHash()).isNotEqualTo(inspecting.getTransactionHash());
        assertThat(DongXanhLedger.getCodeStatusChangedEvents(issued))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.from).isEqualTo(UNDER_INSPECTION);
                    assertThat(e.to).isEqualTo(ISSUED);
                    assertThat(e.evidenceHash).isEqualTo(hash("inspected ok"));
                    assertThat(e.codeKey).isEqualTo(hash(code));
                });

        // anyone reads the register, without an account of their own
        var status = anyone().codeStatus(code).send();
        assertThat(status.component1()).isEqualTo(ISSUED);
        assertThat(status.component4()).isEqualTo(BigInteger.TWO);
        assertThat(status.component5()).isEqualTo(hash("application"));
        assertThat(status.component3()).isEqualTo(issued.getBlockNumber());
    }

    @Test
    void aCooperativeTryingAStatusChangeIsReverted() throws Exception {
        String code = "VN-51-0014";
        asDepartment.registerCode(code, hash("application 14")).send();
        asDepartment.changeCodeStatus(code, UNDER_INSPECTION, hash("e1")).send();
        asDepartment.changeCodeStatus(code, ISSUED, hash("e2")).send();

        DongXanhLedger asCooperative = as(cooperative);
        assertThatThrownBy(() -> asCooperative
                        .changeCodeStatus(code, SUSPENDED, hash("we suspend ourselves"))
                        .send())
                .isInstanceOf(TransactionException.class)
                .satisfies(e -> assertThat(((TransactionException) e)
                                .getTransactionReceipt()
                                .map(TransactionReceipt::isStatusOK))
                        .contains(false));
        assertThat(anyone().codeStatus(code).send().component1()).isEqualTo(ISSUED);

        // the department can
        asDepartment
                .changeCodeStatus(code, SUSPENDED, hash("pesticide residue"))
                .send();
        assertThat(anyone().codeStatus(code).send().component1()).isEqualTo(SUSPENDED);
    }

    @Test
    void transitionsOutsideTheLifecycleAreRevertedEvenForTheDepartment() throws Exception {
        String code = "VN-51-0015";
        asDepartment.registerCode(code, hash("application 15")).send();
        assertThatThrownBy(() -> asDepartment
                        .changeCodeStatus(code, ISSUED, hash("skip inspection"))
                        .send())
                .isInstanceOf(TransactionException.class);
        assertThatThrownBy(() -> asDepartment.registerCode(code, hash("again")).send())
                .as("a code is registered once")
                .isInstanceOf(TransactionException.class);
        assertThat(anyone().codeStatus(code).send().component1()).isEqualTo(APPLIED);
        assertThat(anyone().transitionAllowed(SUSPENDED, ISSUED).send()).isTrue();
        assertThat(anyone().transitionAllowed(BigInteger.valueOf(5), ISSUED).send())
                .as("revoked is final")
                .isFalse();
    }

    @Test
    void anchoredRootsVerifySortedPairProofs() throws Exception {
        // record hashes (keccak256 of canonical JSON); their leaves are hashed once more (format 2)
        byte[] a = hash("record a");
        byte[] b = hash("record b");
        byte[] c = hash("record c");
        byte[] la = Hash.sha3(a);
        byte[] lb = Hash.sha3(b);
        byte[] lc = Hash.sha3(c);
        // a hand-built tree: root = H(sorted(H(sorted(la,lb)), lc))
        byte[] ab = pair(la, lb);
        byte[] root = pair(ab, lc);

        DongXanhLedger reader = anyone();
        assertThat(reader.LEAF_FORMAT().send()).isEqualTo(BigInteger.TWO);
        assertThat(reader.leafOf(a).send()).isEqualTo(la);
        assertThat(reader.verify(root, a, List.of(lb, lc)).send())
                .as("not anchored yet")
                .isFalse();

        TransactionReceipt anchored =
                as(cooperative).anchor(root, BigInteger.valueOf(3)).send();
        assertThat(DongXanhLedger.getAnchoredEvents(anchored)).singleElement().satisfies(e -> {
            assertThat(e.root).isEqualTo(root);
            assertThat(e.count).isEqualTo(BigInteger.valueOf(3));
        });
        var where = reader.anchorOf(root).send();
        assertThat(where.component1()).isEqualTo(anchored.getBlockNumber());
        assertThat(where.component4()).isEqualToIgnoringCase(cooperative.getAddress());

        assertThat(reader.verify(root, a, List.of(lb, lc)).send()).isTrue();
        assertThat(reader.verify(root, b, List.of(la, lc)).send()).isTrue();
        assertThat(reader.verify(root, c, List.of(ab)).send()).isTrue();
        assertThat(reader.verify(root, hash("record x"), List.of(lb, lc)).send())
                .isFalse();
        assertThat(reader.verify(root, la, List.of(lb, lc)).send())
                .as("the leaf itself is not a record hash")
                .isFalse();
        assertThat(reader.processProof(List.of(lb, lc), la).send()).isEqualTo(root);

        assertThatThrownBy(() -> as(certifier).anchor(root, BigInteger.ONE).send())
                .as("a root is anchored once")
                .isInstanceOf(TransactionException.class);
        assertThatThrownBy(() -> as(chain.account(7))
                        .anchor(hash("other"), BigInteger.ONE)
                        .send())
                .as("accounts without a role cannot anchor")
                .isInstanceOf(TransactionException.class);
    }

    @Test
    void anInnerNodePresentedAsALeafIsRefused() throws Exception {
        // four records; the inner node over the first two is a 32-byte value that a bare proof
        // check (processProof) folds up to the root with the other pair as its proof
        List<byte[]> leaves = new ArrayList<>();
        for (String r : List.of("inner a", "inner b", "inner c", "inner d")) leaves.add(Hash.sha3(hash(r)));
        byte[] left = pair(leaves.get(0), leaves.get(1));
        byte[] right = pair(leaves.get(2), leaves.get(3));
        byte[] root = pair(left, right);
        as(department).anchor(root, BigInteger.valueOf(4)).send();

        DongXanhLedger reader = anyone();
        assertThat(reader.processProof(List.of(right), left).send())
                .as("the attack a plain sorted-pair check falls for")
                .isEqualTo(root);
        assertThat(reader.verify(root, left, List.of(right)).send())
                .as("verify hashes what it is given into a leaf: an inner node is no record")
                .isFalse();
        assertThat(reader.verify(root, right, List.of(left)).send()).isFalse();
        // while each real record still proves its way
        assertThat(reader.verify(root, hash("inner a"), List.of(leaves.get(1), right))
                        .send())
                .isTrue();
    }

    private static byte[] pair(byte[] x, byte[] y) {
        boolean xFirst = new BigInteger(1, x).compareTo(new BigInteger(1, y)) < 0;
        byte[] joined = new byte[64];
        System.arraycopy(xFirst ? x : y, 0, joined, 0, 32);
        System.arraycopy(xFirst ? y : x, 0, joined, 32, 32);
        return Hash.sha3(joined);
    }
}
