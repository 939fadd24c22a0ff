package io.siha.client;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids for events sent without one, so that every retry is safe: {@code <12 random characters>.<counter in base 36>}, about
 * twenty characters. The random prefix (72 bits, new for each client) keeps clients apart, the counter keeps one
 * client's events apart; shorter and cheaper than a UUID per event.
 */
final class EventIdGenerator {

    private static final char[] ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_".toCharArray();

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    EventIdGenerator() {
        SecureRandom random = new SecureRandom();
        StringBuilder p = new StringBuilder(13);
        for (int i = 0; i < 12; i++) {
            p.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        prefix = p.append('.').toString();
    }

    String next() {
        return prefix + Long.toString(counter.getAndIncrement(), 36);
    }
}
