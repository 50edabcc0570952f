package vn.dongxanh.devkit.mqtt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The generated {@code password_file} and {@code acl_file} in a real Mosquitto, started for this
 * test on free ports, against the same security contract as the embedded broker.
 */
class MosquittoSecurityTest extends BrokerSecurityContract {
    private MosquittoProcess mosquitto;

    @Override
    void startBroker(BrokerAuth auth, LocalCertificates tls) {
        assumeTrue(MosquittoProcess.available(), "no mosquitto binary on this machine");
        mosquitto = MosquittoProcess.start(auth, tls);
    }

    @Override
    void stopBroker() {
        if (mosquitto != null) mosquitto.close();
    }

    @Override
    String url() {
        return mosquitto.url();
    }

    @Override
    String tlsUrl() {
        return mosquitto.tlsUrl();
    }
}
