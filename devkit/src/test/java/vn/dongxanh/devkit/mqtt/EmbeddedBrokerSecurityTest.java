package vn.dongxanh.devkit.mqtt;

import vn.dongxanh.devkit.EmbeddedBroker;

/** The secured embedded HiveMQ (the broker of {@code ./dx run}) against the security contract. */
class EmbeddedBrokerSecurityTest extends BrokerSecurityContract {
    private EmbeddedBroker broker;

    @Override
    void startBroker(BrokerAuth auth, LocalCertificates tls) {
        broker =
                EmbeddedBroker.startSecured(0, auth, new EmbeddedBroker.Tls(0, tls.keystore(), tls.keystorePassword()));
    }

    @Override
    void stopBroker() {
        if (broker != null) broker.close();
    }

    @Override
    String url() {
        return broker.url();
    }

    @Override
    String tlsUrl() {
        return broker.tlsUrl();
    }
}
