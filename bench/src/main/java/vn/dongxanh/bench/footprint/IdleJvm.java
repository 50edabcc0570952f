package vn.dongxanh.bench.footprint;

import java.util.concurrent.CountDownLatch;

/** The footprint baseline: a JVM that starts, says so, and waits to be stopped. */
public final class IdleJvm {
    static final String READY = "idle JVM running";

    private IdleJvm() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println(READY);
        new CountDownLatch(1).await();
    }
}
