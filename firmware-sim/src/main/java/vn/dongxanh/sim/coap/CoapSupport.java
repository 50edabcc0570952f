package vn.dongxanh.sim.coap;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * Californium set up without a properties file: registering the config modules first avoids
 * "Configuration contains no values!" and a Californium3.properties written to the working
 * directory.
 */
public final class CoapSupport {
    /** CoAP Content-Format of SenML JSON (RFC 8428 §12.3). */
    public static final int SENML_JSON = 110;

    /** CoAP Content-Format of application/json. */
    public static final int JSON = 50;

    private static Configuration configuration;

    private CoapSupport() {}

    public static synchronized Configuration configuration() {
        if (configuration == null) {
            CoapConfig.register();
            UdpConfig.register();
            DtlsConfig.register();
            configuration = Configuration.createStandardWithoutFile();
            Configuration.setStandard(configuration);
        }
        return configuration;
    }
}
