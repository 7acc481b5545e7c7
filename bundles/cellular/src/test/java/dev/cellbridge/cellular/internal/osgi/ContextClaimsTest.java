package dev.cellbridge.cellular.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The first configuration to claim a context ID on a modem keeps it; the others are told when it is free. */
class ContextClaimsTest {

    private static final class Claimant implements ContextClaims.Claimant {
        final String pid;
        final AtomicInteger told = new AtomicInteger();

        Claimant(String pid) {
            this.pid = pid;
        }

        @Override
        public String pid() {
            return pid;
        }

        @Override
        public void claimsChanged() {
            told.incrementAndGet();
        }
    }

    private final ContextClaims claims = new ContextClaims();
    private final Claimant a = new Claimant("a");
    private final Claimant b = new Claimant("b");

    @Test
    void theSecondClaimOfAContextIsRefusedUntilTheFirstIsReleased() {
        assertThat(claims.claim("modem", 1, a)).isEmpty();
        assertThat(claims.claim("modem", 1, a)).isEmpty();
        assertThat(claims.claim("modem", 1, b)).containsSame(a);
        assertThat(claims.claim("modem", 2, b)).isEmpty(); // another ID is free
        assertThat(claims.claim("other", 1, b)).isEmpty(); // so is the same ID on another modem
        assertThat(b.told).hasValue(0);

        assertThat(claims.claim("modem", 1, b)).containsSame(a);
        claims.release(a);
        assertThat(b.told).hasValue(1);
        assertThat(claims.claim("modem", 1, b)).isEmpty();
        assertThat(claims.claim("modem", 1, a)).containsSame(b);
    }

    @Test
    void claimingAnotherIdGivesUpTheOldOne() {
        assertThat(claims.claim("modem", 1, a)).isEmpty();
        assertThat(claims.claim("modem", 1, b)).containsSame(a);
        assertThat(claims.claim("modem", 3, a)).isEmpty();
        assertThat(b.told).hasValue(1);
        assertThat(claims.claim("modem", 1, b)).isEmpty();
    }
}
