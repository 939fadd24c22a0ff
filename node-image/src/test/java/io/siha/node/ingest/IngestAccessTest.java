package io.siha.node.ingest;

import io.siha.node.ingest.IngestAccess.Verdict;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class IngestAccessTest {

    private static final String TOKEN = "ingest-token-0123456789";
    private final IngestAccess guarded = IngestAccess.of(Optional.of(TOKEN));

    @Test
    void withoutATokenEveryRequestIsAdmitted() {
        IngestAccess open = IngestAccess.of(Optional.empty());
        assertThat(open.check(null)).isEqualTo(Verdict.ADMITTED);
        assertThat(open.check("Bearer anything")).isEqualTo(Verdict.ADMITTED);
    }

    @Test
    void onlyTheExactTokenAsABearerCredentialIsAdmitted() {
        assertThat(guarded.check("Bearer " + TOKEN)).isEqualTo(Verdict.ADMITTED);
        // RFC 7235: the scheme is case-insensitive; surrounding blanks are not part of the token.
        assertThat(guarded.check("bearer " + TOKEN)).isEqualTo(Verdict.ADMITTED);
        assertThat(guarded.check("BEARER  " + TOKEN + " ")).isEqualTo(Verdict.ADMITTED);

        assertThat(guarded.check("Bearer " + TOKEN + "x")).isEqualTo(Verdict.WRONG_TOKEN);
        assertThat(guarded.check("Bearer " + TOKEN.substring(1))).isEqualTo(Verdict.WRONG_TOKEN);
        assertThat(guarded.check("Bearer " + TOKEN.toUpperCase())).isEqualTo(Verdict.WRONG_TOKEN);
        assertThat(guarded.check("Bearer ")).isEqualTo(Verdict.WRONG_TOKEN);
    }

    @Test
    void aRequestWithoutABearerCredentialHasNoToken() {
        assertThat(guarded.check(null)).isEqualTo(Verdict.NO_TOKEN);
        assertThat(guarded.check("")).isEqualTo(Verdict.NO_TOKEN);
        assertThat(guarded.check("Bearer")).isEqualTo(Verdict.NO_TOKEN);
        assertThat(guarded.check(TOKEN)).isEqualTo(Verdict.NO_TOKEN);
        assertThat(guarded.check("Basic " + TOKEN)).isEqualTo(Verdict.NO_TOKEN);
    }
}
