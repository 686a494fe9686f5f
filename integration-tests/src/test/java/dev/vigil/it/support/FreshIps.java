package dev.vigil.it.support;

import java.util.concurrent.atomic.AtomicInteger;

/** Client IPv4 addresses never used before in this run, under one two-octet prefix per test class. */
public final class FreshIps {

    private final String prefix;
    private final AtomicInteger used = new AtomicInteger();

    /** @param prefix the first two octets, e.g. {@code "203.0"} */
    public FreshIps(String prefix) {
        this.prefix = prefix;
    }

    public String next() {
        int n = used.incrementAndGet();
        return prefix + "." + (n / 250) + "." + (n % 250 + 1);
    }
}
