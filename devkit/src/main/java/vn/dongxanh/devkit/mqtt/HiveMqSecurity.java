package vn.dongxanh.devkit.mqtt;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded HiveMQ's security, as an embedded extension: a CONNECT must carry a known user
 * name and its password (else CONNACK 134), and every PUBLISH and SUBSCRIBE is checked against
 * that principal's rules in the {@link BrokerAuth} (else PUBACK/SUBACK 135 — HiveMQ then also
 * disconnects a publisher). Nothing is allowed by default.
 */
public final class HiveMqSecurity implements ExtensionMain {
    private static final Logger log = LoggerFactory.getLogger(HiveMqSecurity.class);
    /** Where the authenticated user name is kept for the authorizers of the same connection. */
    private static final String USER = "dx.user";

    private final BrokerAuth auth;

    public HiveMqSecurity(BrokerAuth auth) {
        this.auth = auth;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        var authenticator = new Authenticator();
        var authorizer = new Authorizer();
        Services.securityRegistry().setAuthenticatorProvider(i -> authenticator);
        Services.securityRegistry().setAuthorizerProvider(i -> authorizer);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}

    private final class Authenticator implements SimpleAuthenticator {
        @Override
        public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
            var packet = input.getConnectPacket();
            Optional<String> user = packet.getUserName();
            Optional<String> password = packet.getPassword().map(HiveMqSecurity::utf8);
            if (user.isPresent()
                    && password.isPresent()
                    && auth.authenticate(user.get(), password.get()).isPresent()) {
                input.getConnectionInformation().getConnectionAttributeStore().putAsString(USER, user.get());
                output.authenticateSuccessfully();
            } else {
                log.warn(
                        "refused client {} (user {}): bad user name or password",
                        packet.getClientId(),
                        user.orElse("(none)"));
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
            }
        }
    }

    private final class Authorizer implements PublishAuthorizer, SubscriptionAuthorizer {
        @Override
        public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
            String topic = input.getPublishPacket().getTopic();
            Optional<String> user = user(input.getConnectionInformation().getConnectionAttributeStore());
            if (user.isPresent() && auth.mayPublish(user.get(), topic)) {
                output.authorizeSuccessfully();
            } else {
                log.warn("refused publish by {} on {}", user.orElse("(anonymous)"), topic);
                output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "not allowed to publish on " + topic);
            }
        }

        @Override
        public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
            String filter = input.getSubscription().getTopicFilter();
            Optional<String> user = user(input.getConnectionInformation().getConnectionAttributeStore());
            if (user.isPresent() && auth.maySubscribe(user.get(), filter)) {
                output.authorizeSuccessfully();
            } else {
                log.warn("refused subscription by {} to {}", user.orElse("(anonymous)"), filter);
                output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not allowed to subscribe to " + filter);
            }
        }
    }

    private static Optional<String> user(ConnectionAttributeStore store) {
        return store.getAsString(USER);
    }

    private static String utf8(ByteBuffer buffer) {
        var copy = buffer.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
