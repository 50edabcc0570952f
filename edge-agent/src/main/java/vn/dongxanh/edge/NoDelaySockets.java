package vn.dongxanh.edge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets with Nagle's algorithm off, for both MQTT links. A 500-reading batch is
 * larger than one TCP segment, and with Nagle on, its second segment waits for the broker's
 * delayed ACK of the first (~40 ms on Linux): with one batch in flight, that timer — not the
 * broker — set the pace of draining a backlog. On the field side a valve command sent right
 * after a PUBACK could wait for the same timer (bench/RESULTS.md).
 */
public final class NoDelaySockets extends SocketFactory {
    /** For a broker URL: no-delay sockets on tcp://, the default (TLS) factory otherwise. */
    public static boolean applies(String brokerUrl) {
        return brokerUrl.startsWith("tcp://");
    }

    private final SocketFactory plain = SocketFactory.getDefault();

    private static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(plain.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(plain.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(plain.createSocket(address, port, localAddress, localPort));
    }
}
