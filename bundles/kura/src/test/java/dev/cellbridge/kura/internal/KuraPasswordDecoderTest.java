package dev.cellbridge.kura.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;
import org.junit.jupiter.api.Test;

class KuraPasswordDecoderTest {

    /** Stands in for Kura's AES: "enc:" + Base64; anything else fails as Kura's does on foreign input. */
    static final class FakeCrypto implements CryptoService {
        int calls;

        @Override
        public char[] decryptAes(char[] encryptedValue) throws KuraException {
            calls++;
            String value = new String(encryptedValue);
            if (!value.startsWith("enc:")) {
                throw new KuraException(KuraErrorCode.DECODER_ERROR, "bad padding");
            }
            return new String(Base64.getDecoder().decode(value.substring(4)), StandardCharsets.UTF_8).toCharArray();
        }

        @Override
        @Deprecated
        public String decryptAes(String encryptedValue) {
            throw new AssertionError("the deprecated String variant is not used");
        }
    }

    static String encrypted(String clear) {
        return "enc:" + Base64.getEncoder().encodeToString(clear.getBytes(StandardCharsets.UTF_8));
    }

    final FakeCrypto crypto = new FakeCrypto();
    final KuraPasswordDecoder decoder = new KuraPasswordDecoder(crypto);

    @Test
    void decryptsWhatTheKuraConsoleStored() {
        assertThat(decoder.decode(encrypted("s3cr=t ü"))).isEqualTo("s3cr=t ü");
    }

    @Test
    void anEmptyPasswordStaysEmptyWithoutAskingKura() {
        assertThat(decoder.decode("")).isEmpty();
        assertThat(crypto.calls).isZero();
    }

    @Test
    void aValueKuraCannotDecryptIsRejectedWithoutShowingIt() {
        assertThatThrownBy(() -> decoder.decode("plain-password")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("the stored password cannot be decrypted with Kura's CryptoService (DECODER_ERROR): was it"
                + " set outside the Kura console?")
            .hasCauseInstanceOf(KuraException.class);
    }

    @Test
    void nullIsAProgrammingError() {
        assertThatThrownBy(() -> decoder.decode(null)).isInstanceOf(NullPointerException.class);
    }
}
