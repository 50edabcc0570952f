package vn.dongxanh.trace.ledger;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;
import vn.dongxanh.trace.ledger.contract.DongXanhLedger;

/**
 * ABI-encoded calls of the ledger contract, queued as data so that they are signed and sent (and
 * sent again) by the submitter. Function names come from the generated wrapper.
 */
public final class LedgerCalls {
    private LedgerCalls() {}

    public static String anchor(byte[] root, int count) {
        return encode(DongXanhLedger.FUNC_ANCHOR, new Bytes32(root), new Uint256(count));
    }

    public static String registerCode(String code, byte[] detailsHash) {
        return encode(DongXanhLedger.FUNC_REGISTERCODE, new Utf8String(code), new Bytes32(detailsHash));
    }

    public static String changeCodeStatus(String code, CodeStatusOnChain to, byte[] evidenceHash) {
        return encode(
                DongXanhLedger.FUNC_CHANGECODESTATUS,
                new Utf8String(code),
                new Uint8(BigInteger.valueOf(to.ordinal())),
                new Bytes32(evidenceHash));
    }

    public static String grantRole(String role, String account) {
        return encode(DongXanhLedger.FUNC_GRANTROLE, new Bytes32(roleId(role)), new Address(account));
    }

    /** keccak256 of the role's name, as the contract's constants. */
    public static byte[] roleId(String role) {
        return Hash.sha3(role.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String encode(String name, org.web3j.abi.datatypes.Type<?>... args) {
        return FunctionEncoder.encode(new Function(name, List.of(args), List.of()));
    }

    /** The contract's CodeStatus enum, in its ABI order. */
    public enum CodeStatusOnChain {
        NONE,
        APPLIED,
        UNDER_INSPECTION,
        ISSUED,
        SUSPENDED,
        REVOKED,
        REJECTED,
        EXPIRED
    }
}
