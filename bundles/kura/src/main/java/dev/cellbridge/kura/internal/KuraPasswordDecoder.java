package dev.cellbridge.kura.internal;

import java.util.Objects;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.cellbridge.cellular.PasswordDecoder;

/**
 * The {@link PasswordDecoder} of Kura: the Kura console stores Password attributes AES-encrypted in
 * ConfigurationAdmin, and Kura's {@link CryptoService} gives the clear text back. Registered while a CryptoService
 * is there (on Kura, always). Messages never carry the stored value nor the password.
 */
@Component(name = "dev.cellbridge.kura.password.decoder", service = PasswordDecoder.class)
public final class KuraPasswordDecoder implements PasswordDecoder {

    private final CryptoService crypto;

    @Activate
    public KuraPasswordDecoder(@Reference(name = "CryptoService") CryptoService crypto) {
        this.crypto = crypto;
    }

    /**
     * @throws IllegalArgumentException when Kura cannot decrypt the value (it was not encrypted with this Kura's
     *                                  key, e.g. written through plain ConfigurationAdmin)
     */
    @Override
    public String decode(String stored) {
        Objects.requireNonNull(stored, "stored");
        if (stored.isEmpty()) {
            return stored; // no password configured: nothing to decrypt
        }
        char[] clear;
        try {
            clear = crypto.decryptAes(stored.toCharArray());
        } catch (KuraException | RuntimeException e) {
            throw new IllegalArgumentException("the stored password cannot be decrypted with Kura's CryptoService ("
                + (e instanceof KuraException k ? k.getCode() : e.getClass().getSimpleName())
                + "): was it set outside the Kura console?", e);
        }
        if (clear == null) {
            throw new IllegalArgumentException("Kura's CryptoService decrypted the stored password to nothing");
        }
        return new String(clear);
    }
}
