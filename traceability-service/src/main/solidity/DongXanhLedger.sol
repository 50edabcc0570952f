// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Đồng Xanh ledger
/// @notice Public register of domestic growing-area codes (each status change is its own
/// transaction and event) and anchor of Merkle roots of the traceability records.
/// Anyone can read; only role holders write.
///
/// Roles: the DEPARTMENT (provincial agriculture department) administers roles, registers
/// growing-area codes and changes their status; COOPERATIVE and CERTIFICATION_BODY accounts
/// may anchor roots of their records. The deployer is the first DEPARTMENT account.
///
/// Merkle convention: OpenZeppelin MerkleProof with sorted pairs (commutative keccak256) —
/// the same as OpenZeppelin's SimpleMerkleTree, whose leaves are the 32-byte values given.
/// A record's hash is keccak256 of its RFC 8785 canonical JSON; its leaf (leaf format 2) is
/// keccak256 of that hash, 32 bytes hashed once more, while an inner node is keccak256 of 64
/// bytes: no inner node can pass as a leaf. Records stored before format 2 (format 1, leaf =
/// record hash) are checked with processProof and anchorOf (docs/record-format.md).
contract DongXanhLedger {
    bytes32 public constant DEPARTMENT = keccak256("DEPARTMENT");
    bytes32 public constant COOPERATIVE = keccak256("COOPERATIVE");
    bytes32 public constant CERTIFICATION_BODY = keccak256("CERTIFICATION_BODY");

    /// Lifecycle of a growing-area code; the order of the values is part of the ABI.
    enum CodeStatus {
        NONE,
        APPLIED,
        UNDER_INSPECTION,
        ISSUED,
        SUSPENDED,
        REVOKED,
        REJECTED,
        EXPIRED
    }

    struct Code {
        CodeStatus status;
        uint64 changedAt;
        uint64 changedInBlock;
        uint32 changes;
        bytes32 detailsHash;
    }

    struct Anchor {
        uint64 blockNumber;
        uint64 timestamp;
        uint128 count;
        address submitter;
    }

    mapping(bytes32 => mapping(address => bool)) private roles;
    mapping(bytes32 => Code) private codes;
    mapping(bytes32 => Anchor) private anchorsByRoot;
    uint256 public anchorCount;

    event RoleGranted(bytes32 indexed role, address indexed account, address indexed by);
    event RoleRevoked(bytes32 indexed role, address indexed account, address indexed by);
    event CodeRegistered(bytes32 indexed codeKey, string code, bytes32 detailsHash, address indexed by);
    event CodeStatusChanged(
        bytes32 indexed codeKey,
        string code,
        CodeStatus from,
        CodeStatus to,
        bytes32 evidenceHash,
        address indexed by
    );
    event Anchored(bytes32 indexed root, uint256 count, address indexed by);

    error MissingRole(bytes32 role, address account);
    error UnknownRole(bytes32 role);
    error CodeAlreadyRegistered(string code);
    error UnknownCode(string code);
    error TransitionNotAllowed(string code, CodeStatus from, CodeStatus to);
    error AlreadyAnchored(bytes32 root);
    error EmptyAnchor();

    modifier onlyRole(bytes32 role) {
        if (!roles[role][msg.sender]) revert MissingRole(role, msg.sender);
        _;
    }

    constructor() {
        roles[DEPARTMENT][msg.sender] = true;
        emit RoleGranted(DEPARTMENT, msg.sender, msg.sender);
    }

    // ---- roles ----

    function hasRole(bytes32 role, address account) external view returns (bool) {
        return roles[role][account];
    }

    function grantRole(bytes32 role, address account) external onlyRole(DEPARTMENT) {
        _knownRole(role);
        if (!roles[role][account]) {
            roles[role][account] = true;
            emit RoleGranted(role, account, msg.sender);
        }
    }

    function revokeRole(bytes32 role, address account) external onlyRole(DEPARTMENT) {
        _knownRole(role);
        if (roles[role][account]) {
            roles[role][account] = false;
            emit RoleRevoked(role, account, msg.sender);
        }
    }

    function _knownRole(bytes32 role) private pure {
        if (role != DEPARTMENT && role != COOPERATIVE && role != CERTIFICATION_BODY) revert UnknownRole(role);
    }

    // ---- growing-area codes ----

    /// Registers a code in status APPLIED; detailsHash is keccak256 of the application's canonical JSON.
    function registerCode(string calldata code, bytes32 detailsHash) external onlyRole(DEPARTMENT) {
        bytes32 key = keccak256(bytes(code));
        Code storage c = codes[key];
        if (c.status != CodeStatus.NONE) revert CodeAlreadyRegistered(code);
        c.status = CodeStatus.APPLIED;
        c.changedAt = uint64(block.timestamp);
        c.changedInBlock = uint64(block.number);
        c.detailsHash = detailsHash;
        emit CodeRegistered(key, code, detailsHash, msg.sender);
        emit CodeStatusChanged(key, code, CodeStatus.NONE, CodeStatus.APPLIED, detailsHash, msg.sender);
    }

    /// One status change; evidenceHash is keccak256 of the change's canonical JSON (reason, date, evidence).
    function changeCodeStatus(string calldata code, CodeStatus to, bytes32 evidenceHash)
        external
        onlyRole(DEPARTMENT)
    {
        bytes32 key = keccak256(bytes(code));
        Code storage c = codes[key];
        if (c.status == CodeStatus.NONE) revert UnknownCode(code);
        CodeStatus from = c.status;
        if (!transitionAllowed(from, to)) revert TransitionNotAllowed(code, from, to);
        c.status = to;
        c.changedAt = uint64(block.timestamp);
        c.changedInBlock = uint64(block.number);
        c.changes += 1;
        emit CodeStatusChanged(key, code, from, to, evidenceHash, msg.sender);
    }

    /// The lifecycle APPLIED → UNDER_INSPECTION → ISSUED ⇄ SUSPENDED → REVOKED, with REJECTED
    /// (before issue) and EXPIRED (an issued or suspended code not renewed).
    function transitionAllowed(CodeStatus from, CodeStatus to) public pure returns (bool) {
        if (from == CodeStatus.APPLIED) return to == CodeStatus.UNDER_INSPECTION || to == CodeStatus.REJECTED;
        if (from == CodeStatus.UNDER_INSPECTION) return to == CodeStatus.ISSUED || to == CodeStatus.REJECTED;
        if (from == CodeStatus.ISSUED) {
            return to == CodeStatus.SUSPENDED || to == CodeStatus.REVOKED || to == CodeStatus.EXPIRED;
        }
        if (from == CodeStatus.SUSPENDED) {
            return to == CodeStatus.ISSUED || to == CodeStatus.REVOKED || to == CodeStatus.EXPIRED;
        }
        return false;
    }

    function codeStatus(string calldata code)
        external
        view
        returns (CodeStatus status, uint64 changedAt, uint64 changedInBlock, uint32 changes, bytes32 detailsHash)
    {
        Code storage c = codes[keccak256(bytes(code))];
        return (c.status, c.changedAt, c.changedInBlock, c.changes, c.detailsHash);
    }

    // ---- Merkle roots ----

    function anchor(bytes32 root, uint256 count) external {
        if (!roles[DEPARTMENT][msg.sender] && !roles[COOPERATIVE][msg.sender]
                && !roles[CERTIFICATION_BODY][msg.sender]) {
            revert MissingRole(COOPERATIVE, msg.sender);
        }
        if (count == 0) revert EmptyAnchor();
        if (anchorsByRoot[root].blockNumber != 0) revert AlreadyAnchored(root);
        anchorsByRoot[root] = Anchor(uint64(block.number), uint64(block.timestamp), uint128(count), msg.sender);
        anchorCount += 1;
        emit Anchored(root, count, msg.sender);
    }

    /// Where and when a root was anchored; blockNumber 0 means never.
    function anchorOf(bytes32 root)
        external
        view
        returns (uint64 blockNumber, uint64 timestamp, uint128 count, address submitter)
    {
        Anchor storage a = anchorsByRoot[root];
        return (a.blockNumber, a.timestamp, a.count, a.submitter);
    }

    /// The leaf format verify() takes (docs/record-format.md).
    uint8 public constant LEAF_FORMAT = 2;

    /// True when the proof leads from the record's leaf to root and the root is anchored here.
    /// The leaf is computed here from recordHash (keccak256 of the canonical JSON), so a caller
    /// cannot present an inner node of a tree as a leaf.
    function verify(bytes32 root, bytes32 recordHash, bytes32[] calldata proof) external view returns (bool) {
        return anchorsByRoot[root].blockNumber != 0 && processProof(proof, leafOf(recordHash)) == root;
    }

    /// Leaf format 2: keccak256 of the 32-byte record hash.
    function leafOf(bytes32 recordHash) public pure returns (bytes32 leaf) {
        assembly ("memory-safe") {
            mstore(0x00, recordHash)
            leaf := keccak256(0x00, 0x20)
        }
    }

    /// OpenZeppelin MerkleProof.processProof: hash up with sorted pairs.
    function processProof(bytes32[] calldata proof, bytes32 leaf) public pure returns (bytes32 computed) {
        computed = leaf;
        for (uint256 i = 0; i < proof.length; i++) {
            computed = _hashPair(computed, proof[i]);
        }
    }

    function _hashPair(bytes32 a, bytes32 b) private pure returns (bytes32 value) {
        (bytes32 lo, bytes32 hi) = a < b ? (a, b) : (b, a);
        assembly ("memory-safe") {
            mstore(0x00, lo)
            mstore(0x20, hi)
            value := keccak256(0x00, 0x40)
        }
    }
}
