package vn.dongxanh.contract.senml;

/** The value of a SenML record: exactly one of v, vb, vs or vd (RFC 8428 §4.2). */
public sealed interface SenmlValue {
    record Number(double value) implements SenmlValue {
        public Number {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("SenML numeric value must be finite");
            }
        }
    }

    record Bool(boolean value) implements SenmlValue {}

    record Text(String value) implements SenmlValue {}

    record Data(String base64url) implements SenmlValue {}
}
